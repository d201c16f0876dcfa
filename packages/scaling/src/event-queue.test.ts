import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

describe('EventQueue', () => {
  it('pops by time, then rank, then insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ t: fc.integer({ min: 0, max: 20 }), rank: fc.integer({ min: 0, max: 4 }) })), (events) => {
        const queue = new EventQueue<{ t: number; rank: number; id: number }>();
        events.forEach((e, id) => queue.push({ ...e, id }));
        const popped: number[] = [];
        for (let e = queue.pop(); e !== undefined; e = queue.pop()) popped.push(e.id);
        const expected = events.map((e, id) => ({ ...e, id })).sort((a, b) => a.t - b.t || a.rank - b.rank || a.id - b.id).map((e) => e.id);
        expect(popped).toEqual(expected);
        expect(queue.size).toBe(0);
      }),
    );
  });
});
