import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test starts node processes over a large install; a busy 2-core machine needs seconds for one.
    testTimeout: 120_000,
  },
});
