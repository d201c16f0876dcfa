import { createReadStream } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TooManyWordsError, type SpillSpace, type SpillStore } from '@wordfreq/core';

export interface FsSpillStoreOptions {
  /** Directory under which each job gets a directory of its own (default the OS temp directory). */
  readonly dir?: string;
  /**
   * Bytes the spaces of this store may hold together (every job of the process); past it `append`
   * fails with TOO_MANY_WORDS. Default: no quota of our own, only the disk's free space.
   */
  readonly quotaBytes?: number;
}

/** Errors that mean the disk (or the user's disk quota) is full, not that something is broken. */
const fullDisk = new Set(['ENOSPC', 'EDQUOT']);

/**
 * Scratch space on the local file system: each job spills into its own fresh directory
 * (`<dir>/wordfreq-spill-XXXXXX`), one file per partition, removed whole by `dispose`. Files are
 * opened per append rather than held open, so a job's hundreds of partitions never hit the
 * process's limit of open files. A full disk or quota fails the job as TOO_MANY_WORDS.
 */
export class FsSpillStore implements SpillStore {
  readonly dir: string;
  readonly #quota: number;
  #held = 0;

  constructor(options: FsSpillStoreOptions = {}) {
    this.dir = options.dir ?? tmpdir();
    this.#quota = options.quotaBytes ?? Infinity;
  }

  /** Bytes held by this store's spaces not yet disposed. */
  get heldBytes(): number {
    return this.#held;
  }

  async open(label: string): Promise<SpillSpace> {
    await mkdir(this.dir, { recursive: true });
    const root = await mkdtemp(join(this.dir, 'wordfreq-spill-'));
    const sizes = new Map<string, number>();
    let disposed = false;
    // Partition names come from the counter (`p12`, `p12.3`): plain, but never trusted as paths.
    const pathOf = (name: string) => {
      if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) throw new Error(`scratch file name ${JSON.stringify(name)} is not a plain file name`);
      return join(root, name);
    };
    const full = (detail: string, cause?: unknown) =>
      new TooManyWordsError(`the scratch space ${this.dir} is full (${detail}) while spilling the counts of ${label}; it has too many different words for the ` +
          'disk space and memory given: free or add disk space, raise the quota or the memory budget',
        cause === undefined ? undefined : { cause },
      );
    const live = (what: string) => {
      if (disposed) throw new Error(`${what} on the scratch space of ${label} after dispose()`);
    };
    const forget = (name: string) => {
      this.#held -= sizes.get(name) ?? 0;
      sizes.delete(name);
    };
    return {
      append: async (name, bytes) => {
        live('append');
        if (this.#held + bytes.length > this.#quota) throw full(`quota of ${this.#quota} bytes reached`);
        // Counted before the write, so concurrent jobs cannot overshoot the quota together.
        this.#held += bytes.length;
        sizes.set(name, (sizes.get(name) ?? 0) + bytes.length);
        try {
          await appendFile(pathOf(name), bytes);
        } catch (error) {
          // Whatever part of it reached the disk is not counted: the job fails and disposes anyway.
          this.#held -= bytes.length;
          sizes.set(name, (sizes.get(name) ?? 0) - bytes.length);
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== undefined && fullDisk.has(code)) throw full(`${code} after ${this.#held} bytes`, error);
          throw error;
        }
      },
      read: (name) => {
        live('read');
        const path = pathOf(name);
        return (async function* () {
          try {
            for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Uint8Array;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          }
        })();
      },
      remove: async (name) => {
        await rm(pathOf(name), { force: true });
        forget(name);
      },
      dispose: async () => {
        if (disposed) return;
        disposed = true;
        await rm(root, { recursive: true, force: true });
        for (const name of [...sizes.keys()]) forget(name);
      },
    };
  }
}
