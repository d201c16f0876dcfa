import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from './map-with-concurrency.js';

describe('mapWithConcurrency', () => {
  it('returns results in input order and never has more than `limit` calls in flight', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(3), { maxLength: 30 }), fc.integer({ min: 1, max: 12 }), async (ticks, limit) => {
        let inFlight = 0;
        let peak = 0;
        const out = await mapWithConcurrency(ticks, limit, async (tick, index) => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          for (let i = 0; i < tick; i += 1) await Promise.resolve();
          inFlight -= 1;
          return index * 2;
        });
        expect(out).toEqual(ticks.map((_, i) => i * 2));
        expect(peak).toBeLessThanOrEqual(Math.max(1, Math.min(limit, ticks.length)));
      }),
    );
  });

  it('rejects a limit that is not a positive integer', async () => {
    await expect(mapWithConcurrency([1], 0, async (x) => x)).rejects.toThrow(/positive integer, got 0/);
  });

  it('propagates a rejection after the other items settled', async () => {
    const seen: number[] = [];
    const run = mapWithConcurrency([1, 2, 3], 1, async (x) => {
      seen.push(x);
      if (x === 1) throw new Error('boom');
      return x;
    });
    await expect(run).rejects.toThrow('boom');
    expect(seen).toEqual([1, 2, 3]);
  });
});
