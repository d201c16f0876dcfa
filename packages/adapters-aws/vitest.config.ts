import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // moto suites need Python: `npm run test:moto` runs them.
    exclude: ['**/node_modules/**', '**/*.moto.test.ts'],
    // Emulators start in beforeAll (DynamoDB Local is a JVM); requests go over real sockets.
    hookTimeout: 120_000,
    testTimeout: 60_000,
    // Two files at a time: each may run its own emulators, and the machine has two cores.
    maxWorkers: 2,
  },
});
