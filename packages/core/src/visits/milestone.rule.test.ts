import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { milestonesCrossed } from './milestone.rule.js';

describe('milestonesCrossed', () => {
  it('reports thresholds with before < t <= after, ascending, once', () => {
    expect(milestonesCrossed(999_999, 1_000_000, [1_000_000])).toEqual([1_000_000]);
    expect(milestonesCrossed(1_000_000, 1_000_001, [1_000_000])).toEqual([]);
    expect(milestonesCrossed(0, 50, [100, 10, 50, 10, 51])).toEqual([10, 50]);
    expect(milestonesCrossed(5, 3, [4])).toEqual([]);
  });

  it('rejects totals or thresholds that are not numbers', () => {
    expect(() => milestonesCrossed(Number.NaN, 1, [1])).toThrow(/finite totals/);
    expect(() => milestonesCrossed(0, 1, [Number.POSITIVE_INFINITY])).toThrow(/finite numbers/);
  });

  it('reports each threshold exactly once over any sequence of increments of one counter', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 200 }), fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 20 }), (start, steps, thresholds) => {
        const reported: number[] = [];
        let total = start;
        for (const step of steps) {
          reported.push(...milestonesCrossed(total, total + step, thresholds));
          total += step;
        }
        const expected = [...new Set(thresholds)].filter((t) => start < t && t <= total).sort((a, b) => a - b);
        expect(reported.slice().sort((a, b) => a - b)).toEqual(expected);
        expect(new Set(reported).size).toBe(reported.length);
      }),
    );
  });
});
