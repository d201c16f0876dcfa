import { TooManyWordsError, type SpillSpace, type SpillStore } from '@wordfreq/core';

export interface MemorySpillStoreOptions {
  /** Bytes all open spaces may hold together; past it `append` fails with TOO_MANY_WORDS (default unlimited). */
  readonly quotaBytes?: number;
  /** Size of the chunks `read` yields (default 64 KiB), so records cut by chunks are exercised. */
  readonly readChunkBytes?: number;
}

/**
 * Scratch space in process memory: what the counter spills stays in this process, so it bounds
 * nothing. It exists for tests and the in-process demo, with the file system adapter's semantics
 * (private spaces, a quota failing as TOO_MANY_WORDS, everything gone after dispose).
 */
export class MemorySpillStore implements SpillStore {
  readonly #quota: number;
  readonly #readChunk: number;
  #held = 0;
  /** Spaces opened so far, and the most bytes held at once: what tests look at. */
  opened = 0;
  peakBytes = 0;

  constructor(options: MemorySpillStoreOptions = {}) {
    this.#quota = options.quotaBytes ?? Infinity;
    this.#readChunk = options.readChunkBytes ?? 64 * 1024;
  }

  /** Bytes held by spaces not yet disposed. */
  get heldBytes(): number {
    return this.#held;
  }

  async open(label: string): Promise<SpillSpace> {
    this.opened++;
    const files = new Map<string, Uint8Array[]>();
    let disposed = false;
    const sizeOf = (name: string) => (files.get(name) ?? []).reduce((sum, part) => sum + part.length, 0);
    const live = (what: string) => {
      if (disposed) throw new Error(`${what} on the scratch space of ${label} after dispose()`);
    };
    const remove = (name: string) => {
      this.#held -= sizeOf(name);
      files.delete(name);
    };
    return {
      append: async (name, bytes) => {
        live('append');
        if (this.#held + bytes.length > this.#quota) {
          throw new TooManyWordsError(`the scratch space is full (quota ${this.#quota} bytes) while spilling the counts of ${label}; it has too many different words for the space and memory given`,
          );
        }
        files.set(name, [...(files.get(name) ?? []), bytes.slice()]);
        this.#held += bytes.length;
        this.peakBytes = Math.max(this.peakBytes, this.#held);
      },
      read: (name) => {
        live('read');
        const parts = files.get(name) ?? [];
        const chunk = this.#readChunk;
        return (async function* () {
          for (const part of parts) for (let at = 0; at < part.length; at += chunk) yield part.subarray(at, at + chunk);
        })();
      },
      remove: async (name) => remove(name),
      dispose: async () => {
        for (const name of [...files.keys()]) remove(name);
        disposed = true;
      },
    };
  }
}
