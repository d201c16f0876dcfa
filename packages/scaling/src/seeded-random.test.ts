import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomBetween, randomExponential, randomInt, randomStream, seededRandom } from './seeded-random.js';

const draw = (random: () => number, n: number) => Array.from({ length: n }, () => random());

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(draw(seededRandom(seed), 20)).toEqual(draw(seededRandom(seed), 20));
        expect(draw(seededRandom(seed), 20)).not.toEqual(draw(seededRandom(seed + 1), 20));
      }),
    );
  });

  it('draws floats in [0, 1), whole numbers in [min, max] and floats in [min, max)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.nat(20), (seed, min, span) => {
        const random = seededRandom(seed);
        for (let i = 0; i < 50; i += 1) {
          const f = random();
          expect(f >= 0 && f < 1).toBe(true);
          const n = randomInt(random, min, min + span);
          expect(Number.isInteger(n) && n >= min && n <= min + span).toBe(true);
          const x = randomBetween(random, min, min + span + 1);
          expect(x >= min && x < min + span + 1).toBe(true);
          expect(randomExponential(random, 10)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('reaches both ends of a small whole-number range', () => {
    const random = seededRandom(1);
    expect(new Set(Array.from({ length: 200 }, () => randomInt(random, 1, 3)))).toEqual(new Set([1, 2, 3]));
  });

  it('gives each purpose of one seed its own stream', () => {
    const [a, s, p] = (['arrivals', 'service', 'phase'] as const).map((purpose) => draw(randomStream(7, purpose), 5));
    expect(a).not.toEqual(s);
    expect(s).not.toEqual(p);
    expect(draw(randomStream(7, 'service'), 5)).toEqual(s);
  });
});
