import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Synthesising a stack takes a few seconds (asset hashing, cdk-nag); emulators start in a few more.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
