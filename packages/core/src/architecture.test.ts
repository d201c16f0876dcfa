// The dependency rules of the design, checked on the source of every package: dependencies point
// inward (cli -> runtimes -> adapters -> core), core stays pure, and every import is declared.
// It parses imports with the TypeScript compiler (not regular expressions), so comments, strings
// and type-only imports are told apart correctly.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Where each workspace package sits: production code may import only packages of a lower layer. */
const layers: Readonly<Record<string, number>> = {
  '@wordfreq/core': 0,
  // Logging and metrics: the ports' implementations that only write lines; adapters and runtimes use them.
  '@wordfreq/observability': 1,
  '@wordfreq/scaling': 1,
  '@wordfreq/adapters-memory': 2,
  '@wordfreq/adapters-aws': 2,
  '@wordfreq/adapters-fs': 2,
  '@wordfreq/testing': 2,
  '@wordfreq/local-aws': 2,
  '@wordfreq/runtime-ec2': 3,
  '@wordfreq/runtime-lambda': 3,
  '@wordfreq/cli': 4,
  '@wordfreq/mytravel-site': 4,
  // The CDK app: deploys everything, imported by nothing.
  '@wordfreq/infra': 5,
  // Tests only (private): packs and installs every other package.
  '@wordfreq/packaging-test': 6,
};

/**
 * Beyond the layers, the packages of ours whose production code a package may import, where the
 * design names them: adapters import core and observability only (not the simulator, not the test
 * kit); runtimes reach AWS and memory through the adapters (never the test kit).
 */
const mayImportOnly: Readonly<Record<string, ReadonlySet<string>>> = {
  '@wordfreq/adapters-memory': new Set(['@wordfreq/core', '@wordfreq/observability']),
  '@wordfreq/adapters-aws': new Set(['@wordfreq/core', '@wordfreq/observability']),
  '@wordfreq/runtime-ec2': new Set(['@wordfreq/core', '@wordfreq/observability', '@wordfreq/adapters-memory', '@wordfreq/adapters-aws', '@wordfreq/adapters-fs']),
  '@wordfreq/runtime-lambda': new Set(['@wordfreq/core', '@wordfreq/observability', '@wordfreq/adapters-memory', '@wordfreq/adapters-aws', '@wordfreq/adapters-fs']),
  '@wordfreq/adapters-fs': new Set(['@wordfreq/core']),
};

/** Packages that must run without the AWS SDK: whoever logs or counts must not pay for loading it. */
const sdkFreePackages = new Set(['@wordfreq/core', '@wordfreq/observability']);

/**
 * The emulated AWS harness is a dev tool: tests, `npm run local` (inside the package), the forum's
 * local front that `npm run local` starts and the CLI's `loadtest --local` use it; code that runs on AWS or ships in a library never does.
 */
const localAws = '@wordfreq/local-aws';
const mayUseLocalAws = (pkg: string, path: string) =>
  (pkg === '@wordfreq/cli' && path.startsWith('src/loadtest/')) || (pkg === '@wordfreq/mytravel-site' && path.startsWith('src/local/'));

/** The only packages core may import, and only from src/di (the `@wordfreq/core/di` entry). */
const coreDiPackages = new Set(['inversify', 'reflect-metadata']);

const builtins = new Set(builtinModules);

interface PackageInfo {
  readonly name: string;
  /** dependencies and peerDependencies: what an installed copy can rely on. */
  readonly runtime: ReadonlySet<string>;
  readonly dev: ReadonlySet<string>;
}

interface ImportRef {
  readonly specifier: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

interface SourceFile {
  /** Path inside the package, with '/' separators, e.g. `src/di/core.module.ts`. */
  readonly path: string;
  readonly imports: readonly ImportRef[];
}

/** Every module specifier `text` imports, exports from, requires or dynamically imports. */
function importsOf(text: string, fileName: string): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: ImportRef[] = [];
  const add = (node: ts.Node, literal: ts.Node | undefined, typeOnly: boolean) => {
    if (literal && ts.isStringLiteralLike(literal)) {
      found.push({ specifier: literal.text, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      // Elided by the compiler when every binding is a type: `import type {..}` or `import { type A }`.
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      const typeOnly = node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if ((isDynamicImport || isRequire) && node.arguments.length > 0) add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The DefinitelyTyped package that may stand in for `name` in type-only imports. */
function typesPackageOf(name: string): string {
  return name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
}

/** Tests and their helpers: `*.test.ts`, `*.spec.ts`, `*.test-support.ts`, `*.arbitraries.ts`, `test/**`. */
const isTestFile = (path: string) =>
  /\.(test|spec|test-support|arbitraries)\.[cm]?[jt]sx?$/.test(path) || path.startsWith('test/') || path.includes('/__tests__/');

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtins.has(packageNameOf(specifier));

/** Everything wrong with one file's imports; each message names the file, the line and the fix. */
function violationsOf(pkg: PackageInfo, file: SourceFile, rootDev: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const test = isTestFile(file.path);
  const isCore = pkg.name === '@wordfreq/core';
  const inCoreDi = isCore && file.path.startsWith('src/di/');
  const layer = layers[pkg.name];

  for (const { specifier, typeOnly, line } of file.imports) {
    const where = `${pkg.name}/${file.path}:${line} imports '${specifier}'`;

    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = resolve('/pkg', dirname(file.path), specifier);
      if (!target.startsWith('/pkg/')) problems.push(`${where}: a relative path out of its package; import the other package by name`);
      else if (!test && isTestFile(target.slice('/pkg/'.length))) {
        problems.push(`${where}: production code must not import test helpers; move what it needs out of the test file`);
      }
      else if (isCore && !test && !inCoreDi && target.startsWith('/pkg/src/di/')) {
        problems.push(`${where}: core's main entry must not reach into src/di (it brings inversify); move the shared code out of di`);
      }
      continue;
    }

    if (isBuiltin(specifier)) {
      if (isCore && !test) problems.push(`${where}: core is pure and runs anywhere; take what it needs through a port instead of a Node module`);
      continue;
    }

    const name = packageNameOf(specifier);
    if (sdkFreePackages.has(pkg.name) && !test && name.startsWith('@aws-sdk/')) {
      problems.push(`${where}: ${pkg.name} runs without the AWS SDK; move what needs it to @wordfreq/adapters-aws`);
    }
    if (isCore && !test) {
      if (name.startsWith('@wordfreq/')) problems.push(`${where}: core imports no other @wordfreq package; dependencies point inward`);
      else if (!coreDiPackages.has(name)) problems.push(`${where}: core may import only inversify and reflect-metadata (in src/di); keep core dependency-free`);
      else if (!inCoreDi) problems.push(`${where}: inversify belongs in src/di only (the @wordfreq/core/di entry); the main entry has no DI`);
    }
    if (name === localAws && pkg.name !== localAws && !test && !mayUseLocalAws(pkg.name, file.path)) {
      problems.push(`${where}: ${localAws} (emulators) is for tests, npm run local and the CLI's loadtest --local only; take AWS clients through the adapters instead`);
    }
    if (name.startsWith('@wordfreq/') && name !== pkg.name && !test) {
      const target = layers[name];
      if (layer === undefined || target === undefined) {
        problems.push(`${where}: ${layer === undefined ? pkg.name : name} has no layer; add it to the layer table in core/src/architecture.test.ts`);
      } else if (target >= layer) {
        problems.push(`${where}: ${pkg.name} (layer ${layer}) may import only inner packages, and ${name} is layer ${target}; dependencies point inward`);
      } else if (mayImportOnly[pkg.name] && !mayImportOnly[pkg.name].has(name) && name !== localAws) {
        problems.push(`${where}: ${pkg.name} may import only ${[...mayImportOnly[pkg.name]].join(', ')} of our packages; move what it needs there`);
      }
    }

    if (name === pkg.name) continue; // a package may name itself (the exports map resolves it)
    const allowed = (candidate: string) =>
      pkg.runtime.has(candidate) || ((test || typeOnly) && pkg.dev.has(candidate)) || (test && rootDev.has(candidate));
    const declared = allowed(name) || (typeOnly && allowed(typesPackageOf(name)));
    if (!declared) {
      const where2 = test ? 'dependencies or devDependencies' : typeOnly ? 'dependencies, peerDependencies or devDependencies (type-only)' : 'dependencies or peerDependencies';
      problems.push(`${where}: '${name}' is not in ${pkg.name}'s ${where2}; declare it in packages/${pkg.name.replace('@wordfreq/', '')}/package.json`);
    }
  }
  return problems;
}

// ---- reading the repository ----

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const rootDir = resolve(packagesDir, '..');

function readJson(path: string): Record<string, Record<string, string> | string | undefined> {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' ? Object.keys(value) : [];
}

function readPackage(dir: string): PackageInfo {
  const json = readJson(join(dir, 'package.json'));
  return {
    name: String(json.name),
    runtime: new Set([...keysOf(json.dependencies), ...keysOf(json.peerDependencies)]),
    dev: new Set(keysOf(json.devDependencies)),
  };
}

function sourceFiles(packageDir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.([cm]?tsx?|[cm]?js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const path = relative(packageDir, full).split(sep).join('/');
        files.push({ path, imports: importsOf(readFileSync(full, 'utf8'), full) });
      }
    }
  };
  for (const top of ['src', 'test']) if (existsSync(join(packageDir, top))) walk(join(packageDir, top));
  return files;
}

// ---- the tests ----

const core: PackageInfo = { name: '@wordfreq/core', runtime: new Set(['inversify', 'reflect-metadata']), dev: new Set(['inversify', 'reflect-metadata']) };
const aws: PackageInfo = {
  name: '@wordfreq/adapters-aws',
  runtime: new Set(['@wordfreq/core', '@aws-sdk/client-s3']),
  dev: new Set(['@wordfreq/adapters-memory', '@types/aws-lambda']),
};
const observability: PackageInfo = { name: '@wordfreq/observability', runtime: new Set(['@wordfreq/core', '@aws-sdk/client-cloudwatch']), dev: new Set() };
const cli: PackageInfo = { name: '@wordfreq/cli', runtime: new Set(['@wordfreq/core', '@wordfreq/scaling', '@wordfreq/local-aws']), dev: new Set(['@wordfreq/local-aws']) };
const scaling: PackageInfo = { name: '@wordfreq/scaling', runtime: new Set(['@wordfreq/core']), dev: new Set() };
const rootDevForTests = new Set(['vitest', 'fast-check']);
const check = (pkg: PackageInfo, path: string, code: string) => violationsOf(pkg, { path, imports: importsOf(code, path) }, rootDevForTests);

describe('the dependency rule checker', () => {
  it('finds imports of every form, and knows which are type-only', () => {
    const code = [
      "import a from 'a'; import type { B } from 'b'; import { type C } from 'c'; import { type D, e } from 'd';",
      "export * from 'f'; export type { G } from 'g'; import 'h'; const i = await import('i'); const j = require('j');",
      "type K = typeof import('k'); // import x from 'not-an-import'",
      "const s = \"import y from 'not-either'\";",
    ].join('\n');
    expect(importsOf(code, 'x.ts').map((i) => `${i.specifier}${i.typeOnly ? ':type' : ''}`)).toEqual(['a', 'b:type', 'c:type', 'd', 'f', 'g:type', 'h', 'i', 'j', 'k:type']);
  });

  it('keeps core free of Node, of other packages and of inversify outside src/di', () => {
    expect(check(core, 'src/jobs/x.ts', "import { readFile } from 'node:fs';")).toEqual([
      "@wordfreq/core/src/jobs/x.ts:1 imports 'node:fs': core is pure and runs anywhere; take what it needs through a port instead of a Node module",
    ]);
    expect(check(core, 'src/jobs/x.ts', "import path from 'path';")).toHaveLength(1);
    expect(check(core, 'src/jobs/x.ts', "import { Container } from 'inversify';")[0]).toContain('inversify belongs in src/di only');
    expect(check(core, 'src/di/x.ts', "import { Container } from 'inversify'; import 'reflect-metadata/lite';")).toEqual([]);
    expect(check(core, 'src/x.ts', "import { s3 } from '@wordfreq/adapters-aws';").join()).toContain('core imports no other @wordfreq package');
    expect(check(core, 'src/x.ts', "import _ from 'lodash';").join()).toContain('core may import only inversify and reflect-metadata');
    expect(check(core, 'src/jobs/x.ts', "import { Tokens } from '../di/tokens.js';").join()).toContain("core's main entry must not reach into src/di");
    expect(check(core, 'src/jobs/x.test.ts', "import { readFileSync } from 'node:fs'; import fc from 'fast-check';")).toEqual([]);
  });

  it('keeps dependencies pointing inward', () => {
    expect(check(aws, 'src/s3.ts', "import { startWorker } from '@wordfreq/runtime-ec2';").join()).toContain('may import only inner packages');
    expect(check(aws, 'src/s3.ts', "import { memoryAdapters } from '@wordfreq/adapters-memory';").join()).toContain('layer 2');
    expect(check(aws, 'src/s3.test.ts', "import { memoryAdapters } from '@wordfreq/adapters-memory';")).toEqual([]);
    expect(check(aws, 'src/s3.ts', "import { Tokens } from '@wordfreq/core/di'; import { S3Client } from '@aws-sdk/client-s3';")).toEqual([]);
    expect(check(aws, 'src/x.ts', "import { y } from '../../core/src/y.js';").join()).toContain('a relative path out of its package');
    expect(check(aws, 'src/x.ts', "import { fake } from './fakes.test-support.js';").join()).toContain('must not import test helpers');
    expect(check(aws, 'src/x.arbitraries.ts', "import fc from 'fast-check';")).toEqual([]);
  });

  it('lets adapters import observability, and observability only core, without the AWS SDK', () => {
    expect(check(aws, 'src/x.ts', "import { EmfMetrics } from '@wordfreq/observability';")).toEqual([
      "@wordfreq/adapters-aws/src/x.ts:1 imports '@wordfreq/observability': '@wordfreq/observability' is not in @wordfreq/adapters-aws's dependencies or peerDependencies; declare it in packages/adapters-aws/package.json",
    ]);
    expect(check({ ...aws, runtime: new Set([...aws.runtime, '@wordfreq/observability']) }, 'src/x.ts', "import { EmfMetrics } from '@wordfreq/observability';")).toEqual([]);
    expect(check(observability, 'src/x.ts', "import { WordFreqError } from '@wordfreq/core';")).toEqual([]);
    expect(check(observability, 'src/x.ts', "import { s3Adapters } from '@wordfreq/adapters-aws/s3';").join()).toContain('may import only inner packages');
    expect(check(observability, 'src/x.ts', "import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';")).toEqual([
      "@wordfreq/observability/src/x.ts:1 imports '@aws-sdk/client-cloudwatch': @wordfreq/observability runs without the AWS SDK; move what needs it to @wordfreq/adapters-aws",
    ]);
    expect(check(observability, 'src/x.test.ts', "import { mockClient } from '@aws-sdk/client-cloudwatch';")).toEqual([]);
  });

  it('lets only tests and the CLI\'s loadtest import the emulated AWS harness', () => {
    expect(check(cli, 'src/loadtest/local-aws.ts', "const m = await import('@wordfreq/local-aws');")).toEqual([]);
    expect(check(cli, 'src/commands/aws-commands.test.ts', "import { startEmulatedAws } from '@wordfreq/local-aws';")).toEqual([]);
    expect(check(cli, 'src/commands/upload.command.ts', "import { startEmulatedAws } from '@wordfreq/local-aws';").join()).toContain("is for tests, npm run local and the CLI's loadtest --local only");
    expect(check(aws, 'src/s3.ts', "import type { EmulatedAws } from '@wordfreq/local-aws';").join()).toContain('is for tests');
  });

  it('lets adapters import core and observability only, and runtimes the adapters but not the test kit', () => {
    const memory: PackageInfo = { name: '@wordfreq/adapters-memory', runtime: new Set(['@wordfreq/core', '@wordfreq/scaling', '@wordfreq/testing']), dev: new Set() };
    expect(check(memory, 'src/x.ts', "import { seededRandom } from '@wordfreq/scaling';")).toEqual([
      "@wordfreq/adapters-memory/src/x.ts:1 imports '@wordfreq/scaling': @wordfreq/adapters-memory may import only @wordfreq/core, @wordfreq/observability of our packages; move what it needs there",
    ]);
    expect(check(memory, 'src/x.ts', "import { describeJobQueueContract } from '@wordfreq/testing';").join()).toContain('may import only inner packages');
    expect(check(memory, 'src/x.test.ts', "import { describeJobQueueContract } from '@wordfreq/testing';")).toEqual([]);
    const lambda: PackageInfo = { name: '@wordfreq/runtime-lambda', runtime: new Set(['@wordfreq/core', '@wordfreq/adapters-aws', '@wordfreq/testing', '@wordfreq/scaling']), dev: new Set() };
    expect(check(lambda, 'src/x.ts', "import { dynamodbAdapters } from '@wordfreq/adapters-aws/dynamodb';")).toEqual([]);
    expect(check(lambda, 'src/x.ts', "import { referenceWordCounts } from '@wordfreq/testing';").join()).toContain('@wordfreq/runtime-lambda may import only');
    expect(check(lambda, 'src/x.ts', "import { simulate } from '@wordfreq/scaling';").join()).toContain('@wordfreq/runtime-lambda may import only');
    expect(check(lambda, 'src/x.ts', "import { startEmulatedAws } from '@wordfreq/local-aws';").join()).toContain('is for tests');
  });

  it('keeps the scaling simulator on core alone', () => {
    expect(check(scaling, 'src/simulator.ts', "import { decideEc2 } from '@wordfreq/core';")).toEqual([]);
    expect(check(scaling, 'src/simulator.ts', "import { memoryAdapters } from '@wordfreq/adapters-memory';").join()).toContain('may import only inner packages');
    expect(check(core, 'src/scaling/x.ts', "import { simulate } from '@wordfreq/scaling';").join()).toContain('core imports no other @wordfreq package');
  });

  it('requires every package to be declared, devDependencies only for tests and types', () => {
    expect(check(aws, 'src/x.ts', "import { SQSClient } from '@aws-sdk/client-sqs';").join()).toContain("'@aws-sdk/client-sqs' is not in @wordfreq/adapters-aws's dependencies or peerDependencies");
    expect(check(aws, 'src/x.ts', "import type { SQSEvent } from 'aws-lambda';")).toEqual([]);
    expect(check(aws, 'src/x.ts', "import { handler } from 'aws-lambda';")).toHaveLength(1);
    expect(check(aws, 'src/x.ts', "import fc from 'fast-check';")).toHaveLength(1);
    expect(check(aws, 'test/x.ts', "import fc from 'fast-check'; import { describe } from 'vitest';")).toEqual([]);
    expect(check(aws, 'src/x.ts', "import { readFile } from 'node:fs/promises';")).toEqual([]);
  });
});

describe('the repository', () => {
  const rootDev = new Set([...keysOf(readJson(join(rootDir, 'package.json')).devDependencies)]);
  const packageDirs = readdirSync(packagesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(packagesDir, e.name, 'package.json')))
    .map((e) => join(packagesDir, e.name));

  it('has the packages the layer table knows', () => {
    expect(packageDirs.map((dir) => readPackage(dir).name).sort()).toEqual(expect.arrayContaining(['@wordfreq/core', '@wordfreq/cli']));
    for (const dir of packageDirs) expect(Object.keys(layers), `${dir} needs a layer`).toContain(readPackage(dir).name);
  });

  it.each(packageDirs.map((dir) => [relative(packagesDir, dir), dir]))('%s keeps the dependency rules', (_name, dir) => {
    const pkg = readPackage(dir);
    const files = sourceFiles(dir);
    expect(files.length, `no source files found under ${dir}/src`).toBeGreaterThan(0);
    expect(files.flatMap((file) => violationsOf(pkg, file, rootDev))).toEqual([]);
  });
});
