import { open } from 'node:fs/promises';
import type { ReadRange } from '@wordfreq/core';

/** 1 MiB: large enough that syscalls cost little, small enough to stay cache- and RSS-friendly. */
export const defaultChunkSize = 1 << 20;

/**
 * Yields the bytes [start, end) of a file through ONE reused buffer: each chunk is only valid until
 * the next one is requested. WordCounter copies what it keeps, so counting never allocates per chunk
 * and memory stays flat whatever the file size.
 */
export async function* readFileChunks(
  path: string,
  range: { start?: number; end?: number } = {},
  chunkSize = defaultChunkSize,
): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(chunkSize);
    let position = range.start ?? 0;
    const end = range.end ?? Number.POSITIVE_INFINITY;
    while (position < end) {
      const length = Math.min(chunkSize, end - position);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Core's `ReadRange` over a file: what the range boundary rule reads to find its cuts. */
export function fileRangeReader(path: string, chunkSize = defaultChunkSize): ReadRange {
  // A short range (a look-ahead for white space) gets a buffer of its own size, not a whole chunk.
  return (start, end) => readFileChunks(path, { start, end }, Math.max(1, Math.min(chunkSize, end - start)));
}
