// Bundle size and cold import time of each Lambda handler bundle.
//
//   npm run build && npm run bench            (in packages/runtime-lambda)
//   node bench/bundle-bench.mjs --runs 21 [--dir <a dist/lambda folder>]
//
// Cold import = a fresh `node` process importing the bundle, which is what Lambda's init phase does
// (module load plus our init: configuration check, SDK clients, container). Each figure is the median
// of --runs processes and is reported as a ratio to a fresh process importing an empty module in the
// same run, interleaved with it, so the machine's speed and load cancel out. Two views of the same
// runs: the whole process's wall time, and the time of the `import()` alone measured inside it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchEnv } from './bench-env.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// --dir <folder> benchmarks another build's bundles (<folder>/<name>/index.mjs and <folder>/<name>.zip),
// e.g. a copy of an earlier dist/lambda under bench/out, where @aws-sdk still resolves.
const dirArg = process.argv.indexOf('--dir');
const lambdaDir = dirArg === -1 ? join(here, '..', 'dist', 'lambda') : resolve(process.argv[dirArg + 1] ?? '');
const names = ['jobs', 'backup', 'visit', 'milestone'];

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg === -1 ? 15 : Number(process.argv[runsArg + 1]);
if (!Number.isInteger(runs) || runs < 3) {
  console.error(`--runs must be a whole number of at least 3, got ${process.argv[runsArg + 1]}`);
  process.exit(2);
}
for (const name of names) {
  if (!existsSync(join(lambdaDir, name, 'index.mjs'))) {
    console.error(`${join(lambdaDir, name, 'index.mjs')} is missing: run npm run build in packages/runtime-lambda first`);
    process.exit(2);
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'wordfreq-bundle-bench-'));
const empty = join(scratch, 'empty.mjs');
writeFileSync(empty, 'export {};\n');

// The share of the cold start that is the AWS SDK itself (external: the Lambda runtime provides it):
// a module importing exactly the @aws-sdk packages the bundles import. It must sit inside the package
// to resolve them, so it goes to bench/out (git-ignored).
// Each bundle imports only the SDK packages of its own adapters; the row imports them all.
const sdkOf = Object.fromEntries(
  names.map((name) => [name, [...new Set([...readFileSync(join(lambdaDir, name, 'index.mjs'), 'utf8').matchAll(/from\s*"(@aws-sdk\/[^"]+)"/g)].map((m) => m[1]))].sort()]),
);
const sdkPackages = [...new Set(Object.values(sdkOf).flat())].sort();
mkdirSync(join(here, 'out'), { recursive: true });
const sdkOnly = join(here, 'out', 'aws-sdk-only.mjs');
writeFileSync(sdkOnly, `${sdkPackages.map((p) => `import ${JSON.stringify(p)};`).join('\n')}\n`);

const targets = [
  { name: '(empty module)', file: empty },
  { name: '(AWS SDK only)', file: sdkOnly },
  ...names.map((name) => ({ name, file: join(lambdaDir, name, 'index.mjs') })),
];
const env = { ...process.env, ...benchEnv() };
const probe = `const t0 = performance.now(); const m = await import(process.argv[1]);
if (process.argv[2] === 'handler' && typeof m.handler !== 'function') throw new Error('no handler export');
process.stdout.write(JSON.stringify({ importMs: performance.now() - t0 }));`;

function coldImport(target) {
  const started = process.hrtime.bigint();
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(target.file).href, target.name.startsWith('(') ? 'not-a-handler' : 'handler'], {
    env,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (out.status !== 0) throw new Error(`importing ${target.file} failed (exit ${out.status}):\n${out.stderr}`);
  return { wallMs, importMs: JSON.parse(out.stdout).importMs };
}

const samples = new Map(targets.map((t) => [t.name, { wallMs: [], importMs: [] }]));
coldImport(targets[0]); // warm the OS file cache and node's own startup files once, unmeasured
for (let run = 0; run < runs; run += 1) {
  // Rotate the order each round so no target always runs first (or right after another).
  for (let i = 0; i < targets.length; i += 1) {
    const target = targets[(run + i) % targets.length];
    const { wallMs, importMs } = coldImport(target);
    samples.get(target.name).wallMs.push(wallMs);
    samples.get(target.name).importMs.push(importMs);
  }
}
rmSync(scratch, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const base = { wallMs: median(samples.get('(empty module)').wallMs), importMs: median(samples.get('(empty module)').importMs) };

const rows = targets.map((t) => {
  const s = samples.get(t.name);
  const wallMs = median(s.wallMs);
  const importMs = median(s.importMs);
  const isEmpty = t.name.startsWith('(');
  return {
    handler: t.name,
    bundleBytes: isEmpty ? 0 : statSync(t.file).size,
    zipBytes: isEmpty ? 0 : statSync(join(lambdaDir, `${t.name}.zip`)).size,
    processWallMs: round(wallMs),
    processWallRatio: round(wallMs / base.wallMs, 2),
    importMs: round(importMs),
    importRatio: round(importMs / base.importMs, 1),
  };
});

console.log(`cold import, median of ${runs} fresh node ${process.version} processes each (ratios: against the empty module, same run)`);
console.log(`AWS SDK only = ${sdkPackages.join(', ')}`);
for (const name of names) console.log(`  ${name.padEnd(10)} imports ${sdkOf[name].map((p) => p.replace('@aws-sdk/', '')).join(', ')}`);
console.log('');
console.log(
  ['handler'.padEnd(15), 'bundle KiB'.padStart(10), 'zip KiB'.padStart(8), 'process ms'.padStart(11), 'x empty'.padStart(8), 'import ms'.padStart(10), 'x empty'.padStart(8)].join('  '),
);
for (const r of rows) {
  console.log(
    [
      r.handler.padEnd(15),
      (r.bundleBytes / 1024).toFixed(1).padStart(10),
      (r.zipBytes / 1024).toFixed(1).padStart(8),
      r.processWallMs.toFixed(1).padStart(11),
      r.processWallRatio.toFixed(2).padStart(8),
      r.importMs.toFixed(1).padStart(10),
      r.importRatio.toFixed(1).padStart(8),
    ].join('  '),
  );
}

const outDir = join(here, 'out');
mkdirSync(outDir, { recursive: true });
const report = { date: new Date().toISOString(), node: process.version, runs, dir: lambdaDir, sdkPackages, sdkPackagesByHandler: sdkOf, rows };
writeFileSync(join(outDir, 'bundle-bench.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwritten to ${join(outDir, 'bundle-bench.json')}`);

function round(n, digits = 1) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
