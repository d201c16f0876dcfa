import { defineConfig } from 'vitest/config';

// The default run needs no browser; the browser suite has its own config (npm run test:browser).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
  },
});
