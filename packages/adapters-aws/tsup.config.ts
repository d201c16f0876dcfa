import { defineConfig } from 'tsup';

/** The package's entries: the root (everything) and one per service, plus what they share. */
const entries = ['index', 's3/index', 'sqs/index', 'dynamodb/index', 'ses/index', 'shared/index'];

export default defineConfig({
  // Every source file becomes its own dist file (no bundling), so the dist keeps the source's file
  // graph: a bundler building from an entry (a Lambda function's, a user's) leaves out every file none
  // of whose exports it uses, with that file's @aws-sdk imports, as `"sideEffects": false` allows. A
  // bundled dist would put several adapters in one chunk, and their decorators are calls a bundler
  // cannot drop, so one adapter would bring its neighbours and their SDK packages.
  entry: ['src/**/*.ts', '!src/**/*.test.ts'],
  bundle: false,
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: { entry: Object.fromEntries(entries.map((entry) => [entry, `src/${entry}.ts`])) },
  sourcemap: true,
  clean: true,
});
