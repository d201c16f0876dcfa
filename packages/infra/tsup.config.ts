import { copyFileSync, mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'tsup';

// runtime-ec2 as installed in the workspace: its daemon entry (what systemd runs) and its deploy files.
const workerPackage = realpathSync('../../node_modules/@wordfreq/runtime-ec2');
const workerDist = join(workerPackage, 'dist');
const workerDeploy = join(workerPackage, 'deploy');
/** What the launch template's user data downloads (a CDK asset): the bundled daemon and its systemd unit. */
const workerAssetDir = 'dist/worker-asset';

export default defineConfig([
  {
    // The CDK app (`cdk.json` runs `node dist/app.js`).
    entry: { app: 'src/app.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: false,
    sourcemap: true,
    clean: false,
  },
  {
    // The EC2 worker as one file with every dependency (the AWS SDK included: unlike Lambda, an
    // instance has none), so the instance needs only Node.js: no npm install, no git clone at boot.
    entry: { main: join(workerDist, 'main.js') },
    outDir: workerAssetDir,
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    bundle: true,
    noExternal: [/.*/],
    minify: true,
    splitting: false,
    sourcemap: false,
    dts: false,
    clean: true,
    outExtension: () => ({ js: '.mjs' }),
    // Bundled CommonJS dependencies call `require` for Node built-ins; ESM has none, so give them one.
    banner: { js: "import { createRequire as __wfCreateRequire } from 'node:module'; const require = __wfCreateRequire(import.meta.url);" },
    onSuccess: async () => {
      mkdirSync(workerAssetDir, { recursive: true });
      copyFileSync(join(workerDeploy, 'wordfreq-worker.service'), join(workerAssetDir, 'wordfreq-worker.service'));
    },
  },
]);
