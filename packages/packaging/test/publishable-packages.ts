// The repository's publishable packages (every package under packages/ not marked private) and the
// examples their READMEs show: a `<!-- example: path -->` line, then a fenced block that must be
// that file of the package, verbatim, so the example that runs is the one users read.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface PublishablePackage {
  readonly name: string;
  readonly dir: string;
  readonly json: {
    readonly version: string;
    readonly exports: Readonly<Record<string, unknown>>;
    readonly dependencies?: Readonly<Record<string, string>>;
    readonly peerDependencies?: Readonly<Record<string, string>>;
    readonly bin?: Readonly<Record<string, string>>;
  };
}

export interface ReadmeExample {
  /** Path inside the package, e.g. `test/examples/count-words.mjs`. */
  readonly path: string;
  readonly code: string;
}

export function publishablePackages(): PublishablePackage[] {
  const packagesDir = join(repositoryRoot, 'packages');
  return readdirSync(packagesDir)
    .map((entry) => join(packagesDir, entry))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ json }) => json.private !== true)
    .map(({ dir, json }) => ({ name: json.name, dir, json }));
}

export function readmeExamples(readme: string): ReadmeExample[] {
  return [...readme.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map(([, path, code]) => ({ path, code }));
}
