import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // moto suites need Python: `npm run test:moto` runs them.
    exclude: ['**/node_modules/**', '**/*.moto.test.ts'],
    // Emulators start in beforeAll (DynamoDB Local is a JVM) and tests drive child processes:
    // vitest's defaults fail them on a busy 2-core machine. A guard against hangs, not a speed bar.
    hookTimeout: 120_000,
    testTimeout: 60_000,
  },
});
