import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // moto suites need Python: `npm run test:moto` runs them.
    exclude: ['**/node_modules/**', '**/*.moto.test.ts'],
    // Emulators start in beforeAll (DynamoDB Local is a JVM): vitest's 10 s default fails on a busy machine.
    hookTimeout: 120_000,
    testTimeout: 60_000,
  },
});
