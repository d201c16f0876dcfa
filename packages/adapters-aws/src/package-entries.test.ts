// The package's subpath entries, as an installed copy has them: each built entry, imported in a fresh
// node process, loads the SDK packages of its own service and no other's. This is what lets a Lambda
// function (or a user's app) that needs DynamoDB skip the cost of loading S3, SQS and SES.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  name: string;
  sideEffects?: unknown;
  exports: Record<string, Record<string, string>>;
};

/** The @aws-sdk client and lib packages each entry may load; anything else loaded is a leak. */
const sdkOfEntry: Record<string, string[]> = {
  '.': ['client-dynamodb', 'client-s3', 'client-sesv2', 'client-sqs', 'lib-dynamodb', 'lib-storage'],
  './s3': ['client-s3', 'lib-storage'],
  './sqs': ['client-sqs'],
  './dynamodb': ['client-dynamodb', 'lib-dynamodb'],
  './ses': ['client-sesv2'],
  './shared': [],
};

/** Tests run from source; this one needs the dist, so it builds it unless it is newer than every source file. */
function ensureDist(): void {
  const newest = (dir: string) =>
    Math.max(
      ...readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
        .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs),
    );
  const built = Object.values(packageJson.exports).map((conditions) => join(packageDir, conditions.import!));
  const sourceTime = Math.max(newest(join(packageDir, 'src')), statSync(join(packageDir, 'tsup.config.ts')).mtimeMs);
  if (built.every((file) => existsSync(file) && statSync(file).mtimeMs > sourceTime)) return;
  execFileSync('npm', ['run', 'build'], { cwd: packageDir, stdio: 'ignore' });
}

// A module-resolution hook (it runs on node's loader thread) that appends every resolved
// `@aws-sdk/client-*` or `@aws-sdk/lib-*` specifier to a file, synchronously, so nothing is lost
// when the importing process exits.
const hooks = `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  if (/^@aws-sdk\\/(client|lib)-[\\w-]+$/.test(specifier)) appendFileSync(log, specifier.slice('@aws-sdk/'.length) + '\\n');
  return next(specifier, context);
}`;

let scratch: string;
beforeAll(() => {
  ensureDist();
  scratch = mkdtempSync(join(tmpdir(), 'wordfreq-entries-'));
}, 120_000);
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The SDK client and lib packages a fresh node process loads when it imports `specifier`. */
function sdkLoadedBy(specifier: string, log: string): string[] {
  const script = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)}, { data: { log: ${JSON.stringify(log)} } });
const entry = await import(${JSON.stringify(specifier)});
if (Object.keys(entry).length === 0) throw new Error('${specifier} exports nothing');`;
  // Run from inside the package, so that its name resolves to itself through the exports map, as it
  // does for an installed copy.
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'] });
  return existsSync(log) ? [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].sort() : [];
}

describe('the package entries', () => {
  it('are every service and the shared entry, each with types, import and default, side-effect free', () => {
    expect(Object.keys(packageJson.exports).sort()).toEqual(Object.keys(sdkOfEntry).sort());
    for (const conditions of Object.values(packageJson.exports)) expect(Object.keys(conditions)).toEqual(['types', 'import', 'default']);
    expect(packageJson.sideEffects).toBe(false);
  });

  it.each(Object.entries(sdkOfEntry))('%s loads only its own SDK packages', (subpath, expected) => {
    const specifier = subpath === '.' ? packageJson.name : `${packageJson.name}${subpath.slice(1)}`;
    const log = join(scratch, `${subpath.replace(/\W/g, '_')}.log`);
    expect(sdkLoadedBy(specifier, log)).toEqual(expected);
  });

});
