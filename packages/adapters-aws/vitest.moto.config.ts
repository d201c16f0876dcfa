import { defineConfig } from 'vitest/config';

// `npm run test:moto`: the suites that run against moto server (Python), kept out of `npm test`.
export default defineConfig({
  test: {
    include: ['src/**/*.moto.test.ts'],
    hookTimeout: 120_000,
    testTimeout: 60_000,
    maxWorkers: 1,
  },
});
