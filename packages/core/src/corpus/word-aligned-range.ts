import { BadInputError } from '../errors.js';

/**
 * The one boundary rule of ranges (the CLI's `--threads` and corpus parts): ASCII white space (tab,
 * LF, VT, FF, CR, space) separates words in both presets and is never part of a UTF-8 sequence, an
 * apostrophe join or a classic token, so counting from one gives exactly what the whole would.
 */
export function isRangeBoundaryByte(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** Index of the first boundary byte in `bytes` at or after `from`, or -1. */
export function firstRangeBoundary(bytes: Uint8Array, from = 0): number {
  for (let index = from; index < bytes.length; index++) if (isRangeBoundaryByte(bytes[index])) return index;
  return -1;
}

/** Streams the bytes [start, end) of one input (a file, an object); `end` is never past its size. */
export type ReadRange = (start: number, end: number) => AsyncIterable<Uint8Array>;

/** How far the tail of a range is read past its nominal end per request while looking for a boundary. */
export const rangeLookaheadBytes = 64 * 1024;

/**
 * Where a nominal cut at `position` really falls: the first boundary byte at or after it (reading
 * as far as needed), or `size` when there is none; 0 stays 0. Ranges [cut(a), cut(b)) for
 * a = 0 < b < ... < size tile the input exactly, and no word or UTF-8 sequence crosses a cut.
 */
export async function alignCut(read: ReadRange, position: number, size: number, lookahead = rangeLookaheadBytes): Promise<number> {
  checkRange(position, position, size);
  if (position === 0) return 0;
  let from = position;
  while (from < size) {
    const to = Math.min(size, from + lookahead);
    for await (const chunk of read(from, to)) {
      const index = firstRangeBoundary(chunk);
      if (index >= 0) return from + index;
      from += chunk.length;
    }
    if (from < to) throw new BadInputError(`the input ended at byte ${from} while ${size} bytes were expected; it changed while being read`);
  }
  return size;
}

/**
 * Streams the word-aligned range of the nominal range [start, end) of an input of `size` bytes:
 * [alignCut(start), alignCut(end)). It skips to the first boundary at or after `start` (unless
 * `start` is 0) and reads past `end` up to the first boundary there, so the neighbouring ranges of
 * one cut agree on where it is without talking to each other. Yields subarrays of `read`'s chunks
 * (valid until the next is requested, as `read`'s are).
 */
export async function* readWordAlignedRange(read: ReadRange, range: { start: number; end: number }, size: number, lookahead = rangeLookaheadBytes): AsyncGenerator<Uint8Array> {
  const { start, end } = range;
  checkRange(start, end, size);
  if (start === end) return;
  let aligned = start === 0;
  let position = start;
  for await (const chunk of read(start, end)) {
    position += chunk.length;
    if (aligned) {
      yield chunk;
      continue;
    }
    const index = firstRangeBoundary(chunk);
    if (index < 0) continue;
    aligned = true;
    yield chunk.subarray(index);
  }
  if (position < end) throw new BadInputError(`the input ended at byte ${position} while ${size} bytes were expected; it changed while being read`);
  // No boundary in the whole range: the cut at `start` falls at or past `end`, where the cut at `end`
  // also falls, so this range is empty and the previous one counts these bytes.
  if (!aligned || end === size) return;
  let from = end;
  while (from < size) {
    const to = Math.min(size, from + lookahead);
    for await (const chunk of read(from, to)) {
      const index = firstRangeBoundary(chunk);
      if (index >= 0) {
        if (index > 0) yield chunk.subarray(0, index);
        return;
      }
      yield chunk;
      from += chunk.length;
    }
    if (from < to) throw new BadInputError(`the input ended at byte ${from} while ${size} bytes were expected; it changed while being read`);
  }
}

function checkRange(start: number, end: number, size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new BadInputError(`an input size must be a whole number of bytes >= 0, got ${String(size)}`);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > size) {
    throw new BadInputError(`range [${String(start)}, ${String(end)}) is not inside an input of ${size} bytes`);
  }
}
