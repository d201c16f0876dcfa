import { defineConfig } from 'vitest/config';

// Chromium (Debian's /usr/bin/chromium) driven by playwright-core against `npm run local`'s site.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Sibling packages run as the built Node modules they are: their dist imports Node built-ins
    // without the `node:` prefix, which this package's transform would look up as files here.
    server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } },
  },
});
