import { defineConfig } from 'tsup';

export default defineConfig({
  // local.ts is `npm run local` (the root script runs dist/local.js); it is not part of the library.
  entry: ['src/index.ts', 'src/local.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
});
