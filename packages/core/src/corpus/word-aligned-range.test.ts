import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignCut, firstRangeBoundary, isRangeBoundaryByte, readWordAlignedRange, type ReadRange } from './word-aligned-range.js';

const utf8 = new TextEncoder();

/** A reader over `bytes` that hands out chunks of at most `chunk` bytes and records every request. */
function readerOf(bytes: Uint8Array, chunk = 3, requests: [number, number][] = []): ReadRange {
  return async function* (start, end) {
    requests.push([start, end]);
    for (let at = start; at < end; at += chunk) yield bytes.slice(at, Math.min(end, at + chunk));
  };
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<number[]> {
  const out: number[] = [];
  for await (const chunk of source) out.push(...chunk);
  return out;
}

describe('the range boundary rule', () => {
  it('takes exactly the six ASCII white space bytes as boundaries', () => {
    const boundaries = Array.from({ length: 256 }, (_, byte) => byte).filter(isRangeBoundaryByte);
    expect(boundaries).toEqual([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);
    expect(firstRangeBoundary(utf8.encode('ab\u00a0c d'), 0)).toBe(5);
    expect(firstRangeBoundary(utf8.encode('abc'), 0)).toBe(-1);
  });

  it('moves a cut forward to the next white space, reading past the nominal end as far as needed', async () => {
    const bytes = utf8.encode('alpha beta gamma');
    const requests: [number, number][] = [];
    const read = readerOf(bytes, 2, requests);
    // [3, 8) nominal: skips "ha" to the space at 5, reads through "beta" to the space at 10.
    expect(Buffer.from(await collect(readWordAlignedRange(read, { start: 3, end: 8 }, bytes.length, 4))).toString()).toBe(' beta');
    expect(requests).toEqual([[3, 8], [8, 12]]);
    expect(await alignCut(read, 3, bytes.length)).toBe(5);
    expect(await alignCut(read, 0, bytes.length)).toBe(0);
    expect(await alignCut(read, 11, bytes.length)).toBe(bytes.length);
  });

  it('gives an empty range when a range holds no white space (its bytes belong to the range before)', async () => {
    const bytes = utf8.encode('a longwordwithoutspaces b');
    const read = readerOf(bytes);
    expect(await collect(readWordAlignedRange(read, { start: 4, end: 12 }, bytes.length))).toEqual([]);
    expect(Buffer.from(await collect(readWordAlignedRange(read, { start: 0, end: 4 }, bytes.length, 5))).toString()).toBe('a longwordwithoutspaces');
  });

  it('cuts any input into ranges that tile it exactly, each starting at a boundary', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 60 }).map((bytes) => bytes.map((byte) => (byte % 5 === 0 ? 0x20 : byte))),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        async (bytes, rawCuts, chunk, lookahead) => {
          const cuts = [...new Set([0, ...rawCuts.map((cut) => cut % (bytes.length + 1)), bytes.length])].sort((a, b) => a - b);
          const read = readerOf(bytes, chunk);
          const pieces: number[][] = [];
          for (let index = 0; index + 1 < cuts.length; index++) {
            pieces.push(await collect(readWordAlignedRange(read, { start: cuts[index], end: cuts[index + 1] }, bytes.length, lookahead)));
          }
          expect(pieces.flat()).toEqual([...bytes]);
          for (const [index, piece] of pieces.entries()) {
            if (index > 0 && piece.length > 0) expect(isRangeBoundaryByte(piece[0])).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a range outside the input and notices an input shorter than its size', async () => {
    const read = readerOf(utf8.encode('short text'));
    await expect(collect(readWordAlignedRange(read, { start: 4, end: 20 }, 10))).rejects.toMatchObject({ code: 'BAD_INPUT', message: 'range [4, 20) is not inside an input of 10 bytes' });
    await expect(collect(readWordAlignedRange(read, { start: 0, end: 12 }, 12))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/ended at byte 10 while 12 bytes were expected/) });
  });
});
