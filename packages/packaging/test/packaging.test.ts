// What a user gets from npm: every publishable package packed with `npm pack`, the tarballs installed
// into an empty app outside the repository (no workspace links; third-party packages from the npm
// cache or registry), then every subpath imported (ESM) and required (CommonJS), the published
// declarations' imports checked against the declared dependencies, each README example run, and a
// visit handler bundled from the installed packages. Needs `npm run build` first (it packs the dist).
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishablePackages, readmeExamples, repositoryRoot, type PublishablePackage } from './publishable-packages.js';

const packages = publishablePackages();
const work = mkdtempSync(join(tmpdir(), 'wordfreq-packaging-'));
const app = join(work, 'app');
const tarballs = join(work, 'tarballs');
const packed = new Map<string, { file: string; files: string[] }>();

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
const installed = (pkg: PublishablePackage) => join(app, 'node_modules', ...pkg.name.split('/'));

beforeAll(() => {
  mkdirSync(tarballs, { recursive: true });
  mkdirSync(app, { recursive: true });
  for (const pkg of packages) {
    if (!existsSync(join(pkg.dir, 'dist'))) throw new Error(`${pkg.dir}/dist is missing: run npm run build first`);
    const [result] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tarballs], pkg.dir)) as { filename: string; files: { path: string }[] }[];
    packed.set(pkg.name, { file: join(tarballs, basename(result.filename)), files: result.files.map((f) => f.path) });
  }
  const dependencies = Object.fromEntries(packages.map((pkg) => [pkg.name, `file:${packed.get(pkg.name)!.file}`]));
  // Our packages depend on each other by version: the overrides make npm take them from the
  // tarballs too, never from the registry.
  const overrides = Object.fromEntries(packages.map((pkg) => [pkg.name, `$${pkg.name}`]));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'packaging-app', version: '1.0.0', private: true, dependencies, overrides }, null, 2));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--install-links'], app);
}, 600_000);

// The app's node_modules is large; removing it takes a while on a busy machine.
afterAll(() => rmSync(work, { recursive: true, force: true }), 300_000);

const rootLicense = readFileSync(join(repositoryRoot, 'LICENSE'), 'utf8');

describe.each(packages.map((pkg) => [pkg.name, pkg]))('the tarball of %s', (name, pkg) => {
  it('holds the LICENSE, the README and the dist, but no sources or tests', () => {
    const { files } = packed.get(name)!;
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(readFileSync(join(installed(pkg), 'LICENSE'), 'utf8')).toBe(rootLicense);
    expect(files.filter((f) => /^(src|test)\//.test(f))).toEqual([]);
  });

  it('is installed as a copy, not a link into the repository', () => {
    expect(readFileSync(join(installed(pkg), 'package.json'), 'utf8')).toContain(`"version": "${pkg.json.version}"`);
    expect(run('node', ['-p', `require('fs').realpathSync(${JSON.stringify(installed(pkg))})`], app).trim().startsWith(app)).toBe(true);
  });

  const subpaths = Object.keys(pkg.json.exports).map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`));

  it.each(subpaths)('%s loads with import() and with require()', (specifier) => {
    const esm = run('node', ['--input-type=module', '-e', `const m = await import(${JSON.stringify(specifier)}); console.log(Object.keys(m).length);`], app);
    expect(Number(esm.trim())).toBeGreaterThan(0);
    // require(esm): a CommonJS app on Node 20.19+, 22 and 24; works only for modules without top-level await.
    const cjs = run('node', ['--no-warnings', '-e', `console.log(Object.keys(require(${JSON.stringify(specifier)})).length);`], app);
    expect(cjs.trim()).toBe(esm.trim());
  });

  it('declares every package its published declarations import', () => {
    const declared = new Set([...Object.keys(pkg.json.dependencies ?? {}), ...Object.keys(pkg.json.peerDependencies ?? {})]);
    const builtins = new Set(builtinModules);
    const missing = new Set<string>();
    const dist = join(installed(pkg), 'dist');
    for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'))) {
      const text = readFileSync(join(dist, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'".][^'"]*)['"]/g)) {
        const parts = specifier.split('/');
        const dep = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        if (specifier.startsWith('node:') || builtins.has(dep) || dep === name) continue;
        const types = dep.startsWith('@') ? `@types/${dep.slice(1).replace('/', '__')}` : `@types/${dep}`;
        if (!declared.has(dep) && !declared.has(types)) missing.add(`${file} imports '${specifier}'`);
      }
    }
    expect([...missing], `add these to ${name}'s dependencies`).toEqual([]);
  });

  const examples = readmeExamples(readFileSync(join(pkg.dir, 'README.md'), 'utf8'));
  it.runIf(examples.length > 0)('runs its README examples', { timeout: 120_000 }, () => {
    const dir = join(app, 'examples', name.replace('/', '__'));
    mkdirSync(dir, { recursive: true });
    for (const { path } of examples) {
      const file = join(dir, basename(path));
      cpSync(join(pkg.dir, path), file);
      if (file.endsWith('.mjs')) run('node', [file], dir);
      else if (file.endsWith('.sh')) {
        const output = execFileSync('bash', ['-e', file], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${join(app, 'node_modules', '.bin')}:${process.env.PATH}` } });
        if (pkg.json.bin) expect(output).toContain(pkg.json.version);
      } else if (file.endsWith('.test.ts')) run('node', [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, basename(file)], dir);
      else throw new Error(`${name}'s README example ${path} is neither .mjs, .sh nor .test.ts: add how to run it here`);
    }
  });
});

describe('a visit handler bundled from the installed packages', () => {
  it('imports only the SDK clients of the adapters it uses', { timeout: 120_000 }, async () => {
    const entry = join(app, 'visit.mjs');
    writeFileSync(entry, "import { visitHandlerFromEnv } from '@wordfreq/runtime-lambda';\nexport const handler = visitHandlerFromEnv(process.env);\n");
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: app,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      write: false,
      metafile: true,
      external: ['@aws-sdk/*'],
      logLevel: 'silent',
    });
    const sdk = new Set(Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path).filter((p) => p.startsWith('@aws-sdk/'))));
    expect([...sdk].map((p) => p.split('/').slice(0, 2).join('/')).sort().filter((p, i, all) => all.indexOf(p) === i)).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    // and it came from the tarballs, not from the repository's sources
    expect(Object.keys(result.metafile.inputs).some((input) => input.includes('node_modules/@wordfreq/runtime-lambda/dist/'))).toBe(true);
  });
});
