import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countCorpusPart,
  countWords,
  decodePartialCounts,
  emptyCounts,
  encodePartialCounts,
  mergeCounts,
  mergePartialCounts,
  planCorpus,
  reduceCorpus,
  summarize,
  topWords,
  type CountCorpusPartDeps,
  type PartialCounts,
  type Preset,
  type WordCounts,
} from '@wordfreq/core';
import { splitAt, textBytes } from './counting-arbitraries.js';
import { sortedCounts } from './sorted-counts.js';

/** Ranged reads over objects held in memory, each read handed out in chunks cut at `cuts`. */
function objectsOf(files: readonly Uint8Array[], cuts: readonly number[]): CountCorpusPartDeps {
  return {
    objects: {
      async read(ref, range) {
        const bytes = files[Number(ref.key.slice(1))];
        const slice = bytes.subarray(range?.start ?? 0, range?.end ?? bytes.length);
        const info = { ...ref, size: bytes.length, etag: `e${bytes.length}`, metadata: {} };
        return { info, body: (async function* () { yield* splitAt(slice, cuts); })() };
      },
    },
  };
}

const listing = (files: readonly Uint8Array[]) => files.map((bytes, index) => ({ bucket: 'corpus', key: `f${index}`, size: bytes.length, etag: `e${bytes.length}` }));

/** What counting each file on its own and merging the counts gives: a word never spans two files. */
async function eachFileAlone(files: readonly Uint8Array[], preset: Preset): Promise<WordCounts> {
  let total = emptyCounts();
  for (const bytes of files) total = mergeCounts(total, await countWords([bytes], { preset }));
  return total;
}

/** Files of a few hundred bytes with cuts inside words, UTF-8 sequences and runs without spaces. */
const corpus = fc.array(fc.array(textBytes(30), { minLength: 1, maxLength: 4 }).map((pieces) => Uint8Array.from(pieces.flatMap((p) => [...p]))), { minLength: 1, maxLength: 5 });
const plans = fc.record({ partBytes: fc.integer({ min: 1, max: 300 }), maxObjectsPerPart: fc.integer({ min: 1, max: 4 }) });
const presets = fc.constantFrom<Preset>('unicode', 'classic');
const reduceInput = { request: { bucket: 'corpus', prefix: '' }, startedAt: '2026-12-02T00:00:00Z', finishedAt: '2026-12-02T00:00:01Z', workerId: 'test' };

describe('corpus jobs: plan, map and reduce', () => {
  it('give what counting each file in one pass and merging gives: counts, totals, top N and its order', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, plans, presets, fc.array(fc.nat(), { maxLength: 4 }), fc.integer({ min: 1, max: 8 }), async (files, planOptions, preset, cuts, top) => {
        const plan = planCorpus(listing(files), planOptions);
        const deps = objectsOf(files, cuts);
        // Through the codec, as the partials travel through S3.
        const partials = await Promise.all(plan.parts.map(async (part) => decodePartialCounts(encodePartialCounts(await countCorpusPart(deps, part, { preset })))));
        const result = reduceCorpus(partials, { ...reduceInput, plan: { parts: plan.parts.length, objects: plan.objects, bytes: plan.bytes }, top });
        const whole = await eachFileAlone(files, preset);
        const expected = summarize(whole, top);
        expect(result).toMatchObject({ bytes: expected.bytes, totalWords: expected.totalWords, distinctWords: expected.distinctWords, words: expected.top });
        const merged = partials.reduce(mergePartialCounts);
        expect(sortedCounts(merged)).toEqual(sortedCounts(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('counts one object cut into many ranges as one pass over it does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(textBytes(40), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 64 }), presets, async (pieces, partBytes, preset) => {
        const file = Uint8Array.from(pieces.flatMap((p) => [...p]));
        const plan = planCorpus(listing([file]), { partBytes });
        const partials = await Promise.all(plan.parts.map((part) => countCorpusPart(objectsOf([file], [7]), part, { preset })));
        const one = await countWords([file], { preset });
        expect(sortedCounts(partials.reduce(mergePartialCounts))).toEqual(sortedCounts(one));
        expect(topWords(partials.reduce(mergePartialCounts).counts, 5)).toEqual(topWords(one.counts, 5));
      }),
      { numRuns: 300 },
    );
  });

  it('merge the same in any order and grouping (a reduce tree equals one merge)', () => {
    const word = fc.constantFrom('a', 'b', 'the', 'ß', 'é', '中文', '𝐀', "don't");
    const partial: fc.Arbitrary<PartialCounts> = fc.array(fc.tuple(word, fc.integer({ min: 1, max: 9 })), { maxLength: 6 }).map((pairs) => {
      const counts = new Map<string, number>();
      for (const [w, n] of pairs) counts.set(w, (counts.get(w) ?? 0) + n);
      const totalWords = [...counts.values()].reduce((sum, n) => sum + n, 0);
      return { parts: 1, bytes: totalWords * 3, totalWords, counts };
    });
    fc.assert(
      fc.property(fc.array(partial, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (list, choices) => {
        const flat = list.reduce(mergePartialCounts);
        // Build a random tree: repeatedly merge two neighbours picked by `choices` (through the codec).
        const level = [...list];
        for (let step = 0; level.length > 1; step++) {
          const at = choices[step % choices.length] % (level.length - 1);
          level.splice(at, 2, decodePartialCounts(encodePartialCounts(mergePartialCounts(level[at + 1], level[at]))));
        }
        expect(sortedCounts(level[0])).toEqual(sortedCounts(flat));
        expect(level[0].parts).toBe(list.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keep the seeded examples that once found a bug in the boundary rule', async () => {
    // A range that holds no white space at all, followed by one ending in a cut apostrophe word.
    const file = new TextEncoder().encode("aaaaaaaaaaaaaaaaaaaa don'\u2019t\u00a0o'brien é\u0301 ");
    for (const partBytes of [1, 2, 3, 5, 8, 13]) {
      const plan = planCorpus(listing([file]), { partBytes });
      const partials = await Promise.all(plan.parts.map((part) => countCorpusPart(objectsOf([file], [1, 2]), part)));
      expect(sortedCounts(partials.reduce(mergePartialCounts))).toEqual(sortedCounts(await countWords([file])));
    }
  });
});
