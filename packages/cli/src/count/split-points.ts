import { open } from 'node:fs/promises';

// ASCII white space separates words in both presets and is never part of a UTF-8 sequence, an
// apostrophe join or a classic token, so a range starting at one counts exactly as the whole would.
const isAsciiSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

const window = 64 * 1024;

/**
 * Cuts [0, size) into `parts` ranges of about equal size, each cut moved forward to the next ASCII
 * white space byte, so counting the ranges separately and merging equals counting the whole file.
 * A file without white space near a cut gives an empty range there, never a word split in two.
 */
export async function splitAtWordBoundaries(path: string, size: number, parts: number): Promise<{ start: number; end: number }[]> {
  const cuts = [0];
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(window);
    for (let part = 1; part < parts; part++) {
      let position = Math.max(Math.floor((size * part) / parts), cuts[cuts.length - 1]);
      let found = size;
      while (position < size) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(window, size - position), position);
        if (bytesRead === 0) break;
        const index = buffer.subarray(0, bytesRead).findIndex(isAsciiSpace);
        if (index >= 0) {
          found = position + index;
          break;
        }
        position += bytesRead;
      }
      cuts.push(found);
    }
  } finally {
    await handle.close();
  }
  cuts.push(size);
  return cuts.slice(0, -1).map((start, index) => ({ start, end: cuts[index + 1] }));
}
