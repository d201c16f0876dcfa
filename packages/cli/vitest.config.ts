import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Many tests run the built CLI as a process, some against emulators: vitest's 5 s default failed
    // two of them on a busy machine. A ceiling against hangs, not a timing assertion.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
