import { NotTextError, TooLargeError } from '../errors.js';

export interface TextBodyGuardOptions {
  /** Names the object in error messages, e.g. `uploads/cat.jpg`. */
  readonly label: string;
  readonly maxBytes: number;
  /** How much of the start is checked for NUL bytes (default 8 KiB, as git and grep do). */
  readonly sniffBytes?: number;
  readonly signal?: AbortSignal;
}

export const defaultSniffBytes = 8 * 1024;

/**
 * Passes a body through unchanged while enforcing what a text job needs:
 * - no NUL byte in the first `sniffBytes` (text never has one; images and archives almost always do).
 *   The start is held back until it is checked, so nothing is counted from a binary file;
 *   memory stays at most `sniffBytes` plus one chunk;
 * - no more than `maxBytes` in all: the object may have been replaced by a bigger one after the size
 *   was checked, and the limit must hold for what is actually read;
 * - the abort signal, checked between chunks, so a draining worker stops promptly.
 */
export async function* guardTextBody(body: AsyncIterable<Uint8Array>, options: TextBodyGuardOptions): AsyncGenerator<Uint8Array, void, undefined> {
  const sniffBytes = options.sniffBytes ?? defaultSniffBytes;
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let checked = false;
  let total = 0;

  const check = () => {
    let offset = 0;
    for (const chunk of held) {
      const limit = Math.min(chunk.length, sniffBytes - offset);
      const at = chunk.subarray(0, limit).indexOf(0);
      if (at >= 0) {
        throw new NotTextError(`${options.label} has a NUL byte at offset ${offset + at}; only text files are counted`);
      }
      offset += limit;
      if (offset >= sniffBytes) break;
    }
    checked = true;
  };

  for await (const chunk of body) {
    options.signal?.throwIfAborted();
    total += chunk.length;
    if (total > options.maxBytes) {
      throw new TooLargeError(`${options.label} is over the limit of ${options.maxBytes} bytes (it grew after its size was checked); raise maxBytes or split the file`);
    }
    if (checked) {
      yield chunk;
      continue;
    }
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes >= sniffBytes) {
      check();
      yield* held.splice(0);
    }
  }
  if (!checked) {
    check();
    yield* held.splice(0);
  }
}
