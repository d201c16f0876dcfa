import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'tsup';

/** The package's entries: the root (everything) and one per service, plus what they share. */
const entries = ['index', 's3/index', 'sqs/index', 'dynamodb/index', 'ses/index', 'shared/index'];

/**
 * esbuild puts its helpers (`__decorateClass`, `__privateGet`, ...) in one chunk that every output
 * file imports, bare where a file needs none. A bare import of a package marked `sideEffects: false`
 * makes every bundler that builds from this dist warn that it ignores it, so it goes, after checking
 * that the chunk really holds nothing but helper definitions. The line stays (empty), so source maps
 * keep their line numbers.
 */
function dropBareHelperImports(dist: string): void {
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
  for (const chunk of files.filter((file) => /^chunk-\w+\.js$/.test(file))) {
    const code = readFileSync(join(dist, chunk), 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/, '');
    // Top-level lines (column 0) may only declare a helper, close one, or export them.
    const unexpected = code.split('\n').filter((line) => /^\S/.test(line) && !/^(var __\w+ = |[}\])]|export \{)/.test(line));
    if (unexpected.length > 0) throw new Error(`${chunk} holds more than esbuild's helpers, so its bare imports cannot go: ${unexpected[0]}`);
  }
  const bare = /^import "(?:\.\.?\/)+chunk-\w+\.js";$/m;
  for (const file of files) {
    const path = join(dist, file);
    const code = readFileSync(path, 'utf8');
    if (bare.test(code)) writeFileSync(path, code.replace(bare, ''));
  }
}

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
  onSuccess: async () => dropBareHelperImports('dist'),
});
