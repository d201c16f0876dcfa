import { MemoryResultStore } from '@wordfreq/adapters-memory';
import { systemClock, type Clock, type JobResult } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { waitForResults } from './wait-for-results.js';

function result(filename: string, etag: string): JobResult {
  const [bucket, key] = filename.split('/');
  return {
    resultId: `r-${filename}-${etag}`,
    filename,
    bucket,
    key,
    status: 'succeeded',
    etag,
    words: [{ word: 'the', count: 2 }],
    bytes: 7,
    totalWords: 2,
    distinctWords: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:00.001Z',
    durationMs: 1,
    countMs: 1,
    workerId: 'w',
  };
}

/** A clock whose sleep lets the test act between polls (here: a worker saving results) and advances time. */
function steppedClock(onSleep: (round: number) => Promise<void>): Clock {
  let now = 0;
  let round = 0;
  return {
    now: () => new Date(now),
    sleep: async (ms) => {
      now += ms;
      await onSleep(++round);
    },
  };
}

describe('waitForResults', () => {
  it('reports each result once as it appears, ignoring rows left by an earlier version of the object', async () => {
    const store = new MemoryResultStore();
    await store.save(result('b/one.txt', 'old-etag'));
    const clock = steppedClock(async (round) => {
      if (round === 1) await store.save(result('b/two.txt', 'e2'));
      if (round === 2) await store.save(result('b/one.txt', 'e1'));
    });
    const seen: string[] = [];
    const missing = await waitForResults(
      store,
      [
        { filename: 'b/one.txt', etag: '"e1"' },
        { filename: 'b/two.txt', etag: 'e2' },
      ],
      { clock, pollMs: 100, timeoutMs: 10_000, onResult: (r) => seen.push(`${r.filename}@${r.etag}`) },
    );
    expect(missing).toEqual([]);
    expect(seen).toEqual(['b/two.txt@e2', 'b/one.txt@e1']);
  });

  it('takes a row the Go sample wrote (it has no ETag) as the result, while a Go worker shares the table', async () => {
    const store = new MemoryResultStore();
    const { etag: _none, ...fields } = result('b/go.txt', 'x');
    await store.save({ ...fields, resultId: '', workerId: '', origin: 'go-sample' });
    const seen: string[] = [];
    const missing = await waitForResults(store, [{ filename: 'b/go.txt', etag: 'e1' }, { filename: 'b/ours.txt', etag: 'e2' }], {
      clock: steppedClock(async () => {
        await store.save(result('b/ours.txt', 'e2'));
      }),
      pollMs: 100,
      timeoutMs: 10_000,
      onResult: (r) => seen.push(`${r.filename}:${r.origin ?? 'ours'}`),
    });
    expect(missing).toEqual([]);
    expect(seen).toEqual(['b/go.txt:go-sample', 'b/ours.txt:ours']);
  });

  it('gives up at the deadline and names what is still missing', async () => {
    const store = new MemoryResultStore();
    let rounds = 0;
    const clock = steppedClock(async () => void rounds++);
    const missing = await waitForResults(store, [{ filename: 'b/never.txt', etag: 'e' }], { clock, pollMs: 300, timeoutMs: 1000, onResult: () => {} });
    expect(missing).toEqual(['b/never.txt']);
    expect(rounds).toBe(4); // 300 + 300 + 300 + the last 100 ms up to the deadline
  });

  it('returns at once when every result is already there', async () => {
    const store = new MemoryResultStore();
    await store.save(result('b/done.txt', 'e'));
    const missing = await waitForResults(store, [{ filename: 'b/done.txt', etag: 'e' }], { clock: systemClock, pollMs: 60_000, timeoutMs: 60_000, onResult: () => {} });
    expect(missing).toEqual([]);
  });
});
