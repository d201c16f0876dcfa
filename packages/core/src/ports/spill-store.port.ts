/**
 * Temporary storage for a counter that outgrew its memory budget: it writes its counts there in
 * partitions and merges them back one at a time. Each job opens its own space and disposes of it
 * when done, whatever happened; nothing in it outlives the job.
 */
export interface SpillStore {
  /** A new, empty space private to one job. `label` (the job's `bucket/key`) is for messages only. */
  open(label: string): Promise<SpillSpace>;
}

/**
 * A job's scratch space: named append-only files. A full space (its quota or the disk) makes
 * `append` throw `TooManyWordsError` (code TOO_MANY_WORDS), which fails the job permanently with a message
 * saying how much was written; other I/O errors propagate as they are.
 */
export interface SpillSpace {
  /** Adds `bytes` at the end of file `name`, creating it; the caller may reuse `bytes` afterwards. */
  append(name: string, bytes: Uint8Array): Promise<void>;
  /** The file's bytes in order, in chunks of any size; an unknown name reads as empty. */
  read(name: string): AsyncIterable<Uint8Array>;
  /** Removes file `name` (frees its space); unknown names are ignored. */
  remove(name: string): Promise<void>;
  /** Removes every file of the space; the space is unusable afterwards. Safe to call twice. */
  dispose(): Promise<void>;
}
