import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countWords, emptyCounts, mergeCounts, type WordCounts } from '@wordfreq/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileChunks } from './read-file-chunks.js';
import { splitAtWordBoundaries } from './split-points.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordfreq-split-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sorted = (counts: WordCounts) => ({ ...counts, counts: [...counts.counts].sort(([a], [b]) => (a < b ? -1 : 1)) });

describe('splitAtWordBoundaries', () => {
  it('cuts only at ASCII white space, covers the file, and merged range counts equal the whole', async () => {
    const piece = fc.constantFrom('alpha ', 'Beta\n', "don't ", 'naïve ', 'ЖУК\t', 'o’brien ', '中文', 'x', 'λόγος', '  ', 'longwordwithoutspaces');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 300 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 64 }), async (pieces, parts, chunk) => {
        const file = join(dir, 'input.txt');
        const bytes = new TextEncoder().encode(pieces.join(''));
        await writeFile(file, bytes);
        const ranges = await splitAtWordBoundaries(file, bytes.length, parts);
        expect(ranges).toHaveLength(parts);
        expect(ranges[0].start).toBe(0);
        expect(ranges[parts - 1].end).toBe(bytes.length);
        for (const [index, range] of ranges.entries()) {
          if (index > 0) expect(range.start).toBe(ranges[index - 1].end);
          expect(range.end).toBeGreaterThanOrEqual(range.start);
          if (range.start > 0 && range.start < bytes.length) expect([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]).toContain(bytes[range.start]);
        }
        for (const preset of ['unicode', 'classic'] as const) {
          const whole = await countWords(readFileChunks(file, {}, chunk), { preset });
          let merged = emptyCounts();
          for (const range of ranges) merged = mergeCounts(merged, await countWords(readFileChunks(file, range, chunk), { preset }));
          expect(sorted(merged)).toEqual(sorted(whole));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives empty ranges rather than splitting a file without white space', async () => {
    const file = join(dir, 'one-word.txt');
    await writeFile(file, 'a'.repeat(200_000));
    expect(await splitAtWordBoundaries(file, 200_000, 3)).toEqual([
      { start: 0, end: 200_000 },
      { start: 200_000, end: 200_000 },
      { start: 200_000, end: 200_000 },
    ]);
  });
});
