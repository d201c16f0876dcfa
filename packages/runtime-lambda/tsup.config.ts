import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

/** The Lambda functions; each becomes dist/lambda/<name>/index.mjs (handler `index.handler`). */
export const handlerNames = ['jobs', 'backup', 'visit', 'milestone', 'posts'] as const;

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

const adaptersAwsSource = fileURLToPath(new URL('../adapters-aws/src/', import.meta.url));

/**
 * Bundles @wordfreq/adapters-aws from its source files, each marked free of side effects, instead of
 * its dist (one file holding every adapter). A file none of whose exports a handler uses is then left
 * out whole, with its @aws-sdk imports: the decorators on the adapter classes are calls esbuild cannot
 * drop by itself. Its files have no import-time effects of their own (a decorated class's decorators
 * only matter when the class is used), which is what `sideEffects: false` promises.
 */
function adaptersAwsFromSource(): EsbuildPlugin {
  return {
    name: 'wordfreq-adapters-aws-from-source',
    setup(build) {
      build.onResolve({ filter: /^@wordfreq\/adapters-aws$/ }, () => ({ path: `${adaptersAwsSource}index.ts`, sideEffects: false }));
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (!args.importer.startsWith(adaptersAwsSource) || args.pluginData === adaptersAwsSource) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: adaptersAwsSource });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, sideEffects: false };
      });
    },
  };
}

export default defineConfig([
  {
    // The library: handler factories and helpers, for tests and for people composing their own handlers.
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: false, // `npm run build` empties dist first; two configs cleaning at once would race
    splitting: true,
  },
  {
    // One self-contained bundle per handler, what Lambda loads. The AWS SDK v3 is in the Node.js
    // runtime already, so it stays out of the bundle (smaller zip, faster cold start).
    entry: Object.fromEntries(handlerNames.map((name) => [`lambda/${name}/index`, `src/${name}/${name}.entry.ts`])),
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    bundle: true,
    // s3-presigned-post is not among the SDK packages the runtime provides, and the @aws-sdk/core/util
    // it imports may be newer than the runtime's: the posts bundle carries both.
    noExternal: [/^(?!@aws-sdk\/)/, /^@aws-sdk\/(s3-presigned-post|core\/util)$/],
    external: [/^@aws-sdk\/(?!(s3-presigned-post|core\/util)$)/],
    minify: true,
    splitting: false,
    sourcemap: true,
    dts: false,
    clean: false,
    outExtension: () => ({ js: '.mjs' }),
    // Each bundle loads only the SDK packages of the adapters its handler uses (src/lambda-adapters.ts).
    esbuildPlugins: [adaptersAwsFromSource()],
    // Bundled CommonJS dependencies call `require` for Node built-ins; ESM has none, so give them one.
    banner: { js: "import { createRequire as __wfCreateRequire } from 'node:module'; const require = __wfCreateRequire(import.meta.url);" },
  },
]);
