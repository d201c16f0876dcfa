import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { NotFoundError, type CorpusObject, type CountCorpusPartDeps, type ObjectInfo } from '@wordfreq/core';
import { describeReadError, statNamedInput } from '../count/read-errors.js';
import { readFileChunks } from '../count/read-file-chunks.js';
import { UsageError } from '../usage-error.js';

/**
 * A local corpus as objects: `bucket` is the folder (or a file's folder), `key` the path inside it
 * with '/' separators, so the planner, the part counter and the result name work as on S3.
 */
export interface LocalCorpus {
  readonly root: string;
  readonly objects: readonly CorpusObject[];
  /** `dir/*` for a folder, the file's own path for a file. */
  readonly name: string;
  readonly request: { readonly bucket: string; readonly prefix: string } | { readonly bucket: string; readonly key: string };
}

/** Lists every regular file under `target` (a folder, recursively, or one file). */
export async function listLocalCorpus(target: string, cwd: string): Promise<LocalCorpus> {
  const path = resolve(cwd, target);
  const info = await statNamedInput(path, target);
  if (info.isFile()) {
    const root = dirname(path);
    const key = basename(path);
    return { root, objects: [{ bucket: root, key, size: info.size, etag: versionTag(info) }], name: target, request: { bucket: root, key } };
  }
  if (!info.isDirectory()) throw new UsageError(`cannot read '${target}': it is neither a file nor a folder`);
  const objects: CorpusObject[] = [];
  let entries;
  try {
    entries = await readdir(path, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read '${target}': ${describeReadError(error) ?? (error as Error).message}`);
  }
  for (const entry of entries) {
    // Symbolic links and other non-regular entries are left out: a link could count a file twice.
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const fileInfo = await stat(file);
    objects.push({ bucket: path, key: relative(path, file).split(sep).join('/'), size: fileInfo.size, etag: versionTag(fileInfo) });
  }
  return { root: path, objects, name: `${target.replace(/\/+$/, '')}/*`, request: { bucket: path, prefix: '' } };
}

/** Stands in for an ETag: a file rewritten between planning and counting gets another one. */
function versionTag(info: { size: number; mtimeMs: number }): string {
  return `${info.size}-${Math.trunc(info.mtimeMs)}`;
}

/** Ranged reads of local files, as the part counter reads objects: `bucket` is the folder. */
export function fileObjects(): CountCorpusPartDeps['objects'] {
  return {
    async read(ref, range) {
      const path = join(ref.bucket, ...ref.key.split('/'));
      let fileInfo;
      try {
        fileInfo = await stat(path);
      } catch (error) {
        throw new NotFoundError(`cannot read '${path}': ${describeReadError(error) ?? (error as Error).message}`, { cause: error });
      }
      const info: ObjectInfo = { bucket: ref.bucket, key: ref.key, size: fileInfo.size, etag: versionTag(fileInfo), metadata: {}, lastModified: fileInfo.mtime };
      return { info, body: readFileChunks(path, range ?? {}) };
    },
  };
}
