import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Every variant is synthesised once, before the files run (a synth takes seconds).
    globalSetup: ['test/support/synthesise-variants.global.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
