import { defineConfig } from 'vitest/config';

// `npm run test:moto`: the worker's end-to-end test against moto server (Python), not in `npm test`.
export default defineConfig({
  test: {
    include: ['test/e2e/worker-processes.test.ts'],
    env: { WORDFREQ_EMULATOR: 'moto' },
  },
});
