import { defineConfig } from 'tsup';

export default defineConfig({
  // index: the library (startWorker, createContainer, ...); main: the daemon systemd runs.
  entry: ['src/index.ts', 'src/main.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
});
