import { readFileSync } from 'node:fs';

/**
 * The installed package's version, read from its package.json (one directory up from both src/ and
 * dist/), so `wordfreq --version` cannot drift from what npm installed.
 */
export function cliVersion(): string {
  const json = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  if (typeof json.version !== 'string') throw new Error("@wordfreq/cli's package.json has no version; reinstall the package");
  return json.version;
}
