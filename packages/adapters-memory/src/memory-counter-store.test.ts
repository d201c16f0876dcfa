import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryCounterStore } from './memory-counter-store.js';

describe('MemoryCounterStore', () => {
  it('chains totals without gaps however concurrent increments interleave', async () => {
    const increment = fc.record({ page: fc.constantFrom('/', '/a', '/b'), by: fc.integer({ min: 1, max: 1000 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(increment, { minLength: 1, maxLength: 50 }), fc.scheduler(), async (plan, scheduler) => {
        const counters = new MemoryCounterStore();
        const results = await scheduler.waitFor(
          Promise.all(plan.map(({ page, by }) => scheduler.schedule(Promise.resolve(), `${page}+${by}`).then(() => counters.increment(page, by)))),
        );
        const chain = [...results].sort((a, b) => a.totalBefore - b.totalBefore);
        let expected = 0;
        for (const result of chain) {
          expect(result.totalBefore).toBe(expected);
          expect(result.totalAfter).toBe(expected + plan[results.indexOf(result)].by);
          expected = result.totalAfter;
        }
        const total = plan.reduce((sum, { by }) => sum + by, 0);
        expect(expected).toBe(total);
        for (const page of ['/', '/a', '/b']) {
          const pageTotal = plan.filter((p) => p.page === page).reduce((sum, { by }) => sum + by, 0);
          expect(await counters.read(page)).toEqual({ page, pageVisits: pageTotal, totalVisits: total });
        }
      }),
    );
  });
});
