import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultReadAhead, readAheadOf, socketsPerClient } from './worker-config.js';

describe('the worker pipeline sizes', () => {
  it('reads ahead two messages per slot, at most one receive (10), unless configured', () => {
    expect([1, 2, 5, 6, 64].map(defaultReadAhead)).toEqual([2, 4, 10, 10, 10]);
    expect(readAheadOf({ concurrency: 3 })).toBe(6);
    expect(readAheadOf({ concurrency: 3, readAhead: 0 })).toBe(0);
  });

  it('gives every SDK client a socket for each message held plus the two receives, never fewer than the SDK default 50', () => {
    expect(socketsPerClient(2, 4)).toBe(50);
    expect(socketsPerClient(100, 10)).toBe(112);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (concurrency, readAhead) => {
        const sockets = socketsPerClient(concurrency, readAhead);
        expect(sockets).toBeGreaterThanOrEqual(50);
        expect(sockets).toBeGreaterThanOrEqual(concurrency + readAhead + 2);
      }),
    );
  });
});
