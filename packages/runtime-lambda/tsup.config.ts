import { defineConfig } from 'tsup';

/** The Lambda functions; each becomes dist/lambda/<name>/index.mjs (handler `index.handler`). */
export const handlerNames = ['jobs', 'backup', 'visit', 'milestone', 'posts', 'corpus-plan', 'corpus-map', 'corpus-reduce'] as const;

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
    target: 'node24', // the Lambda runtime they are for: nodejs24.x
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
    // Each bundle loads only the SDK packages of the adapters its handler uses (src/lambda-adapters.ts):
    // @wordfreq/adapters-aws's dist is one file per source file, marked `sideEffects: false`, so esbuild
    // leaves out every file whose exports a handler does not use.
    // Bundled CommonJS dependencies call `require` for Node built-ins; ESM has none, so give them one.
    banner: { js: "import { createRequire as __wfCreateRequire } from 'node:module'; const require = __wfCreateRequire(import.meta.url);" },
  },
]);
