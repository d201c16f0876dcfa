import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCorpusPartBytes, planCorpus, type CorpusObject } from './corpus-plan.js';

const KiB = 1024;

describe('planCorpus', () => {
  it('batches small objects up to the part size and cuts a big one into equal ranges', () => {
    const plan = planCorpus(
      [
        { bucket: 'b', key: 'c.txt', size: 3 * KiB },
        { bucket: 'b', key: 'a.txt', size: 5 * KiB },
        { bucket: 'b', key: 'big.txt', size: 25 * KiB },
        { bucket: 'b', key: 'b.txt', size: 4 * KiB },
      ],
      { partBytes: 10 * KiB },
    );
    expect(plan).toMatchObject({ objects: 4, bytes: 37 * KiB, partBytes: 10 * KiB });
    expect(plan.parts.map((part) => part.slices.map((s) => `${s.key}:${s.start}-${s.end}`))).toEqual([
      // 25 KiB in ceil(25/10) = 3 ranges of a third each; the open batch goes on past big.txt.
      ['big.txt:0-8533'],
      ['big.txt:8533-17066'],
      ['big.txt:17066-25600'],
      ['a.txt:0-5120', 'b.txt:0-4096'],
      ['c.txt:0-3072'],
    ]);
    expect(plan.parts.map((part) => part.bytes)).toEqual([8533, 8533, 8534, 9 * KiB, 3 * KiB]);
    expect(plan.parts.map((part) => part.id)).toEqual(plan.parts.map((_, index) => expect.stringMatching(new RegExp(`^p0000${index}-[0-9a-f]{8}$`))));
  });

  it('starts a new batch after maxObjectsPerPart objects, and keeps empty objects', () => {
    const objects = Array.from({ length: 5 }, (_, index) => ({ bucket: 'b', key: `k${index}`, size: index === 2 ? 0 : 10 }));
    const plan = planCorpus(objects, { maxObjectsPerPart: 2 });
    expect(plan.parts.map((part) => part.slices.map((slice) => slice.key))).toEqual([['k0', 'k1'], ['k2', 'k3'], ['k4']]);
    expect(planCorpus([]).parts).toEqual([]);
  });

  it('defaults to parts of 128 MiB', () => {
    expect(defaultCorpusPartBytes).toBe(128 * 1024 * 1024);
    const plan = planCorpus([{ bucket: 'b', key: 'huge', size: 3 * defaultCorpusPartBytes + 1 }]);
    expect(plan.parts).toHaveLength(4);
  });

  it('puts every byte of every object in exactly one part, within the part size, the same for any listing order', () => {
    const object = fc.record({ key: fc.stringMatching(/^[a-e]{1,3}$/), size: fc.nat(40_000), etag: fc.option(fc.stringMatching(/^[0-9a-f]{1,4}$/), { nil: undefined }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(object, { selector: (o) => o.key, maxLength: 12 }),
        fc.integer({ min: 4096, max: 20_000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        (listed, partBytes, maxObjectsPerPart, seed) => {
          const objects: CorpusObject[] = listed.map((o) => ({ bucket: 'corpus', ...o }));
          const plan = planCorpus(objects, { partBytes, maxObjectsPerPart });
          const shuffled = [...objects].sort((a, b) => ((hash(a.key, seed) - hash(b.key, seed)) || (a.key < b.key ? -1 : 1)));
          expect(planCorpus(shuffled, { partBytes, maxObjectsPerPart })).toEqual(plan);
          for (const o of objects) {
            const slices = plan.parts.flatMap((part) => part.slices).filter((slice) => slice.key === o.key);
            // Contiguous ranges from 0 to the size: every byte exactly once.
            expect(slices.map((s) => [s.start, s.end])).toEqual(slices.map((s, index) => [index === 0 ? 0 : slices[index - 1].end, s.end]));
            expect(slices.at(-1)!.end).toBe(o.size);
            expect(slices.every((s) => s.size === o.size && s.etag === o.etag)).toBe(true);
          }
          for (const part of plan.parts) {
            expect(part.bytes).toBeLessThanOrEqual(partBytes);
            expect(part.slices.length).toBeLessThanOrEqual(maxObjectsPerPart);
            // A range of a big object is a part of its own.
            if (part.slices.some((s) => s.end - s.start < s.size)) expect(part.slices).toHaveLength(1);
          }
          expect(new Set(plan.parts.map((part) => part.id)).size).toBe(plan.parts.length);
          expect(plan.parts.reduce((sum, part) => sum + part.bytes, 0)).toBe(plan.bytes);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a part covering other bytes another id', () => {
    const one = planCorpus([{ bucket: 'b', key: 'a', size: 10 }]);
    const other = planCorpus([{ bucket: 'b', key: 'a', size: 11 }]);
    expect(one.parts[0].id).not.toBe(other.parts[0].id);
    expect(one.parts[0].id).toBe(planCorpus([{ bucket: 'b', key: 'a', size: 10 }]).parts[0].id);
  });

  it.each([
    [[{ bucket: 'b', key: 'a', size: -1 }], {}, 'b/a has size -1; a size is a whole number of bytes >= 0'],
    [[{ bucket: 'b', key: 'a', size: 1.5 }], {}, 'b/a has size 1.5; a size is a whole number of bytes >= 0'],
    [[{ bucket: 'b', key: 'a', size: 1 }, { bucket: 'b', key: 'a', size: 2 }], {}, 'b/a is listed twice; each object of a corpus is counted once'],
    [[], { partBytes: 0 }, 'partBytes must be a whole number of bytes >= 1, got 0'],
    [[], { maxObjectsPerPart: 0 }, 'maxObjectsPerPart must be a whole number >= 1, got 0'],
  ])('refuses bad input with a clear message (%#)', (objects, options, message) => {
    expect(() => planCorpus(objects as CorpusObject[], options)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message }));
  });
});

function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 0x01000193);
  return h;
}
