import { defineConfig } from 'tsup';

// The local front (a library); the pages are Vite's (vite.config.ts), built into dist/site after this.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  // Only tsup's own files: dist/site is Vite's (npm run build runs tsup, then vite build).
  clean: ['*.js', '*.js.map', '*.d.ts'],
});
