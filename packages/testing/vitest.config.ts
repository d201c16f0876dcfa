import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // moto suites need Python: `npm run test:moto` runs them.
    exclude: ['**/node_modules/**', '**/*.moto.test.ts'],
  },
});
