import { defineConfig } from 'vitest/config';

// The default run needs no browser; the browser suite has its own config (npm run test:browser).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    // Sibling packages run as the built Node modules they are: their dist imports Node built-ins
    // without the `node:` prefix, which this package's transform would look up as files here.
    server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } },
  },
});
