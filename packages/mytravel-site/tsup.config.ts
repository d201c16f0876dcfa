import { defineConfig } from 'tsup';

// The local front (a library); the pages are Vite's (vite.config.ts), built into dist/site after this.
export default defineConfig({
  // The security headers have their own entry: the CDK app imports them without the local front.
  entry: ['src/index.ts', 'src/content-security-policy.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  // Only tsup's own files: dist/site is Vite's (npm run build runs tsup, then vite build).
  clean: ['*.js', '*.js.map', '*.d.ts'],
});
