import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { siteLayout } from './site-layout.js';

const page = (name: string) => fileURLToPath(new URL(`./site/${name}`, import.meta.url));

// Three static pages, each with its own small script; no framework. Output: dist/site, what the
// deployment copies to the primary bucket behind CloudFront and what the local front serves.
export default defineConfig({
  root: 'site',
  plugins: [siteLayout()],
  base: '/',
  build: {
    outDir: '../dist/site',
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or styles: the CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: { input: { index: page('index.html'), post: page('post.html'), new: page('new.html'), notFound: page('404.html') } },
  },
});
