import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { UsageError } from '../usage-error.js';

const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory; pass the files inside it',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error while reading',
};

/** A short reason for a file-system error the user can fix, or undefined for anything else (a bug). */
export function describeReadError(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? reasons[code] : undefined;
}

/** `stat` of an input the user named, or a `UsageError` saying why it cannot be read. */
export async function statNamedInput(path: string, name: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    throw new UsageError(`cannot read '${name}': ${describeReadError(error) ?? (error as Error).message}`);
  }
}
