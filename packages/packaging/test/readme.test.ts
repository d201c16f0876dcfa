// Every publishable package has a README with an install line, and the examples it shows are files
// of the package, verbatim: packaging.test.ts runs those files from the installed tarballs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishablePackages, readmeExamples } from './publishable-packages.js';

/** Packages whose README examples need AWS or emulators to run; their READMEs show code, not a file. */
const withoutRunnableExample = new Set(['@wordfreq/adapters-aws', '@wordfreq/local-aws', '@wordfreq/runtime-ec2', '@wordfreq/runtime-lambda']);

const packages = publishablePackages();

describe('the README of every publishable package', () => {
  it('finds the publishable packages', () => {
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(['@wordfreq/core', '@wordfreq/cli', '@wordfreq/testing']));
  });

  it.each(packages.map((p) => [p.name, p]))('%s has a README with an install line and its example files', (_name, pkg) => {
    const path = join(pkg.dir, 'README.md');
    expect(existsSync(path), `${path} is missing`).toBe(true);
    const readme = readFileSync(path, 'utf8');
    expect(readme).toMatch(new RegExp(`npm install (--save-dev |--global )?[^\\n]*${pkg.name.replace('/', '\\/')}`));
    const examples = readmeExamples(readme);
    if (!withoutRunnableExample.has(pkg.name)) expect(examples.length, `${pkg.name}'s README shows no example file`).toBeGreaterThan(0);
    for (const { path: file, code } of examples) expect(code, `${pkg.name} README: ${file}`).toBe(readFileSync(join(pkg.dir, file), 'utf8'));
  });

  it("@wordfreq/testing's README shows its two example tests", () => {
    const testing = packages.find((p) => p.name === '@wordfreq/testing')!;
    const examples = readmeExamples(readFileSync(join(testing.dir, 'README.md'), 'utf8'));
    expect(examples.map((e) => e.path)).toEqual(['test/examples/own-counter-store.test.ts', 'test/examples/counter-properties.test.ts']);
  });
});
