import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Lambda functions, as runtime-lambda builds them (dist/lambda/<name>/index.mjs). */
export type LambdaName = 'jobs' | 'backup' | 'visit' | 'milestone' | 'posts' | 'corpus-plan' | 'corpus-map' | 'corpus-reduce';

const rebuild = 'build it first: npx turbo run build --filter=@wordfreq/infra... (from the repository root)';

/** The folder of a function's built bundle (handler `index.handler`), for `lambda.Code.fromAsset`. */
export function lambdaBundleDir(name: LambdaName): string {
  const dir = join(installedPackageDir('@wordfreq/runtime-lambda'), 'dist', 'lambda', name);
  if (!existsSync(join(dir, 'index.mjs'))) throw new Error(`the ${name} function's bundle is missing at ${dir}; ${rebuild}`);
  return dir;
}

/** The EC2 worker's asset: the daemon bundled into one file and its systemd unit (tsup.config.ts). */
export function workerAssetDir(): string {
  const dir = join(infraPackageDir(), 'dist', 'worker-asset');
  for (const file of ['main.mjs', 'wordfreq-worker.service']) {
    if (!existsSync(join(dir, file))) throw new Error(`the EC2 worker's asset is missing ${file} in ${dir}; ${rebuild}`);
  }
  return dir;
}

/**
 * The MyTravel site's built pages (packages/mytravel-site's `dist/site`), when that package has been
 * built; undefined otherwise, so that synth without the site still works (nothing is uploaded then).
 */
export function builtSiteDir(packagesDir: string = resolve(infraPackageDir(), '..')): string | undefined {
  const dir = join(packagesDir, 'mytravel-site', 'dist', 'site');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** This package's folder, found from here whether running from src (tests) or dist (the app). */
export function infraPackageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@wordfreq/infra') return dir;
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error(`cannot find the @wordfreq/infra package above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * Where a package is installed, as Node would find it from this package (its `exports` map has no
 * `require` condition and does not expose package.json, so `require.resolve` cannot say).
 */
export function installedPackageDir(name: string, from: string = infraPackageDir()): string {
  for (let dir = from; ; dir = resolve(dir, '..')) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (resolve(dir, '..') === dir) throw new Error(`cannot find the package ${name} from ${from}; run npm install at the repository root`);
  }
}
