import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file a Lambda bundle is built from, by workspace package: this package's own sources and
 * build config, and the sources and built output of every @wordfreq package it depends on,
 * transitively (adapters-aws is bundled from its source, core from its dist). Test files are left
 * out; they never reach a bundle.
 */
export function bundleInputFiles(packageDir: string): string[] {
  const packagesDir = join(packageDir, '..');
  const folders = new Map<string, string>();
  for (const folder of readdirSync(packagesDir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(packagesDir, folder, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name !== undefined) folders.set(manifest.name, join(packagesDir, folder));
    } catch {
      // Not a package folder.
    }
  }
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const folder = folders.get(name);
      if (folder !== undefined) visit(folder);
    }
  };
  visit(packageDir);
  const files: string[] = [join(packageDir, 'package.json'), join(packageDir, 'tsup.config.ts'), join(packageDir, 'scripts', 'zip-handlers.mjs')];
  for (const dir of seen) {
    for (const sub of dir === packageDir ? ['src'] : ['src', 'dist']) files.push(...filesUnder(join(dir, sub)));
    if (dir !== packageDir) files.push(join(dir, 'package.json'));
  }
  return files.filter((file) => !/\.test\.ts$|\.test-support\.ts$/.test(file));
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

/** The newest modification time among `files` (0 for none). */
export function newestMtimeMs(files: readonly string[]): number {
  return Math.max(0, ...files.map((file) => statSync(file).mtimeMs));
}
