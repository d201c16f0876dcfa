import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // These tests start emulators and child processes; vitest's 5 s default fails them on a loaded
    // 2-core machine without saying anything about the code. A guard against hangs, not a speed bar.
    testTimeout: 30_000,
  },
});
