import { defineConfig } from 'vitest/config';

// Chromium (Debian's /usr/bin/chromium) driven by playwright-core against `npm run local`'s site.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
