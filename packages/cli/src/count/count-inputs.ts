import { resolve } from 'node:path';
import { UsageError } from '../usage-error.js';
import { statNamedInput } from './read-errors.js';

/** One thing to count: a regular file (with its size, for choosing threads) or standard input. */
export type CountInput = { readonly kind: 'file'; readonly name: string; readonly path: string; readonly size: number } | { readonly kind: 'stdin'; readonly name: '-' };

/**
 * Checks every input before counting starts, so a typo in the last file name fails at once instead
 * of after the first files were counted and printed.
 */
export async function resolveCountInputs(names: readonly string[], cwd: string): Promise<CountInput[]> {
  if (names.length === 0) return [{ kind: 'stdin', name: '-' }];
  if (names.filter((name) => name === '-').length > 1) throw new UsageError("count: standard input ('-') can be read only once");
  const inputs: CountInput[] = [];
  for (const name of names) {
    if (name === '-') {
      inputs.push({ kind: 'stdin', name: '-' });
      continue;
    }
    const path = resolve(cwd, name);
    const info = await statNamedInput(path, name);
    if (info.isDirectory()) throw new UsageError(`cannot read '${name}': it is a directory; pass the files inside it`);
    inputs.push({ kind: 'file', name, path, size: info.isFile() ? info.size : 0 });
  }
  return inputs;
}
