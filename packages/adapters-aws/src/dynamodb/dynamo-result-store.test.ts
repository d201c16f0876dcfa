import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { JobResult } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoResultStore } from './dynamo-result-store.js';
import { resultsTableShape } from './dynamo-table-layout.js';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['dynamodb'] });
});

afterAll(async () => {
  await aws?.stop();
});

async function freshStore(): Promise<{ store: DynamoResultStore; table: string }> {
  const { name } = await aws.createTable({ prefix: 'wordfreq', ...resultsTableShape });
  return { store: new DynamoResultStore(aws.clients.dynamodb, { table: name }), table: name };
}

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const count = fc.nat({ max: 1_000_000_000 });
const isoTime = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

const jobResult: fc.Arbitrary<JobResult> = fc
  .record({
    resultId: fc.stringMatching(/^[0-9a-f]{16}$/),
    bucket: fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/),
    key: text,
    status: fc.constantFrom('succeeded' as const, 'failed' as const),
    etag: fc.option(fc.stringMatching(/^[0-9a-f]{32}$/), { nil: undefined }),
    words: fc.array(fc.record({ word: text, count }), { maxLength: 10 }),
    bytes: count,
    totalWords: count,
    distinctWords: count,
    startedAt: isoTime,
    finishedAt: isoTime,
    // Down to a picosecond; smaller durations are stored as 0 (see below).
    durationMs: fc.double({ min: 1e-9, max: 1e7, noNaN: true }),
    countMs: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e7, noNaN: true })),
    workerId: text,
    errorMessage: text,
  })
  .map(({ errorMessage, etag, ...r }) => ({
    ...r,
    filename: `${r.bucket}/${r.key}`,
    ...(etag === undefined ? {} : { etag }),
    ...(r.status === 'failed' ? { error: { code: 'NOT_TEXT' as const, message: errorMessage } } : {}),
  }));

describe('DynamoResultStore on DynamoDB Local', () => {
  it('saves and reads back any result exactly', async () => {
    const { store } = await freshStore();
    await fc.assert(
      fc.asyncProperty(jobResult, async (result) => {
        await store.save(result);
        expect(await store.get(result.filename)).toEqual(result);
      }),
      { numRuns: 25 },
    );
  });

  it('keeps one row per filename: saving again replaces it', async () => {
    const { store } = await freshStore();
    const [first, second] = fc.sample(jobResult, { numRuns: 2, seed: 16 });
    const filename = 'uploads/same.txt';
    await store.save({ ...first!, filename });
    await store.save({ ...second!, filename });
    const rows = [];
    for await (const row of store.list()) rows.push(row);
    expect(rows).toEqual([{ ...second!, filename }]);
  });

  it('stores the row the way the original sample did: Filename key and Words as {Word, Count} maps', async () => {
    const { store, table } = await freshStore();
    const [result] = fc.sample(jobResult, { numRuns: 1, seed: 17 });
    const saved = { ...result!, words: [{ word: 'the', count: 3 }] };
    await store.save(saved);
    const { Item } = await aws.clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: { Filename: { S: saved.filename } } }));
    expect(Item?.Words).toEqual({ L: [{ M: { Word: { S: 'the' }, Count: { N: '3' } } }] });
    expect(Item?.WorkerId).toEqual({ S: saved.workerId });
  });

  // 30 rows of 40 KB: more than the 1 MB a Scan page holds.
  it('lists every row across scan pages', async () => {
    const { store } = await freshStore();
    const results = fc.sample(jobResult, { numRuns: 30, seed: 18 }).map((r, i) => ({ ...r, filename: `b/file-${i}`, words: [{ word: 'x'.repeat(40_000), count: i }] }));
    await Promise.all(results.map((r) => store.save(r)));
    const rows = [];
    for await (const row of store.list()) rows.push(row);
    expect(rows.map((r) => r.filename).sort()).toEqual(results.map((r) => r.filename).sort());
  });

  it('stores durations below a picosecond as 0, which DynamoDB can hold (it cannot hold 5e-324)', async () => {
    const { store } = await freshStore();
    const [result] = fc.sample(jobResult, { numRuns: 1, seed: 19 });
    await store.save({ ...result!, durationMs: 5e-324, countMs: 1e-12 });
    expect(await store.get(result!.filename)).toMatchObject({ durationMs: 0, countMs: 0 });
  });

  it('returns undefined for a file never counted', async () => {
    const { store } = await freshStore();
    expect(await store.get('nobody/nothing.txt')).toBeUndefined();
  });

  it('reports a missing table as a configuration problem naming it', async () => {
    const store = new DynamoResultStore(aws.clients.dynamodb, { table: 'no-such-table' });
    await expect(store.get('a/b')).rejects.toMatchObject({ code: 'CONFIG', message: expect.stringMatching(/"no-such-table" does not exist/) });
  });
});
