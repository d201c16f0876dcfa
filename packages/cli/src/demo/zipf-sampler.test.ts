import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@wordfreq/scaling';
import { ZipfSampler } from './zipf-sampler.js';

describe('ZipfSampler', () => {
  it('has probabilities that sum to one and fall as 1/rank', () => {
    const sampler = new ZipfSampler(1000);
    let sum = 0;
    for (let rank = 0; rank < 1000; rank++) sum += sampler.probability(rank);
    expect(sum).toBeCloseTo(1, 10);
    expect(sampler.probability(0) / sampler.probability(4)).toBeCloseTo(5, 10);
  });

  it('always returns a rank inside the vocabulary', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (size, u) => {
        const rank = new ZipfSampler(size).sample(() => u);
        return Number.isInteger(rank) && rank >= 0 && rank < size;
      }),
    );
  });

  it('returns the first rank whose cumulative probability exceeds the draw', () => {
    const sampler = new ZipfSampler(50);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (u) => {
        const rank = sampler.sample(() => u);
        let below = 0;
        for (let r = 0; r < rank; r++) below += sampler.probability(r);
        return below <= u + 1e-12 && below + sampler.probability(rank) > u - 1e-12;
      }),
    );
  });

  it('draws ranks with their probabilities (200,000 draws, within 3%)', () => {
    const sampler = new ZipfSampler(100);
    const random = seededRandom(1);
    const seen = new Array<number>(100).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) seen[sampler.sample(random)]++;
    for (const rank of [0, 1, 2, 9]) expect(seen[rank] / draws).toBeCloseTo(sampler.probability(rank), 1);
    expect(Math.abs(seen[0] / draws - sampler.probability(0)) / sampler.probability(0)).toBeLessThan(0.03);
  });

  it('rejects an empty vocabulary', () => {
    expect(() => new ZipfSampler(0)).toThrow(/size must be a positive integer, got 0/);
  });
});
