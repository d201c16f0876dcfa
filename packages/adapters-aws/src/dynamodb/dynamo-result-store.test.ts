import { GetItemCommand, PutItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { JobResult } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { decodeAsGoSampleRow, goSampleMobyWords, goSampleRow, type GoAttributeMap } from '@wordfreq/testing';
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

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('saves and reads back a result whose top word is %s (an Object.prototype name as a key of the Words map)', async (word) => {
    const { store } = await freshStore();
    const [sample] = fc.sample(jobResult.filter((r) => r.status === 'succeeded'), { numRuns: 1, seed: 18 });
    const result: JobResult = { ...sample!, words: [{ word, count: 7 }, { word: 'the', count: 3 }] };
    await store.save(result);
    expect(await store.get(result.filename)).toEqual(result);
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

  it('stores the row the way the Go sample does: Filename key and Words as a map word -> count; the ordered list in TopWords', async () => {
    const { store, table } = await freshStore();
    const [result] = fc.sample(jobResult, { numRuns: 1, seed: 17 });
    const saved = { ...result!, words: [{ word: 'the', count: 3 }, { word: 'and', count: 2 }] };
    await store.save(saved);
    const { Item } = await aws.clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: { Filename: { S: saved.filename } } }));
    expect(Item?.Words).toEqual({ M: { the: { N: '3' }, and: { N: '2' } } });
    expect(Item?.TopWords).toEqual({ L: [{ M: { Word: { S: 'the' }, Count: { N: '3' } } }, { M: { Word: { S: 'and' }, Count: { N: '2' } } }] });
    expect(Item?.WorkerId).toEqual({ S: saved.workerId });
  });

  it('writes rows a reader written to the Go sample\'s schema reads: its Filename and Words map, for successes and failures', async () => {
    const { store, table } = await freshStore();
    for (const sampled of fc.sample(jobResult, { numRuns: 8, seed: 23 })) {
      // Top words name each word once (the arbitrary may repeat one).
      const result = { ...sampled, words: [...new Map(sampled.words.map((w) => [w.word, w])).values()] };
      await store.save(result);
      const { Item } = await aws.clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: { Filename: { S: result.filename } }, ConsistentRead: true }));
      const record = decodeAsGoSampleRow(Item as GoAttributeMap);
      expect(record.Filename).toBe(result.filename);
      expect(record.Words).toEqual(new Map(result.words.map((w) => [w.word, w.count])));
    }
  });

  it('reads a row written by the Go sample (Filename and a Words map only): its words in top-words order, marked origin go-sample', async () => {
    const { store, table } = await freshStore();
    await aws.clients.dynamodb.send(new PutItemCommand({ TableName: table, Item: goSampleRow('uploads/books/moby.txt', goSampleMobyWords) as Record<string, AttributeValue> }));
    expect(await store.get('uploads/books/moby.txt')).toEqual({
      resultId: '',
      filename: 'uploads/books/moby.txt',
      bucket: 'uploads',
      key: 'books/moby.txt',
      status: 'succeeded',
      words: [
        { word: 'which', count: 1632 },
        { word: 'there', count: 1150 },
        { word: 'whale', count: 1150 },
        { word: 'their', count: 612 },
        { word: 'before', count: 609 },
      ],
      bytes: 0,
      totalWords: 0,
      distinctWords: 0,
      startedAt: '',
      finishedAt: '',
      durationMs: 0,
      countMs: 0,
      workerId: '',
      origin: 'go-sample',
    });
    // A file without a word of five letters or more: the sample writes an empty map.
    await aws.clients.dynamodb.send(new PutItemCommand({ TableName: table, Item: goSampleRow('uploads/short.txt', {}) as Record<string, AttributeValue> }));
    expect(await store.get('uploads/short.txt')).toMatchObject({ status: 'succeeded', words: [], origin: 'go-sample' });
  });

  it('lists a table both workers share (a migration): Go sample rows and ours side by side, none failing the listing', async () => {
    const { store, table } = await freshStore();
    const ours = fc.sample(jobResult, { numRuns: 3, seed: 24 }).map((r, i) => ({ ...r, filename: `uploads/ours-${i}.txt` }));
    for (const result of ours) await store.save(result);
    await aws.clients.dynamodb.send(new PutItemCommand({ TableName: table, Item: goSampleRow('uploads/go.txt', { hello: 2 }) as Record<string, AttributeValue> }));
    const rows: JobResult[] = [];
    for await (const row of store.list()) rows.push(row);
    expect(rows.map((row) => [row.filename, row.origin ?? 'ours']).sort()).toEqual([...ours.map((r) => [r.filename, 'ours']), ['uploads/go.txt', 'go-sample']].sort());
  });

  it('keeps the newest-version rule and the outbox over a Go row: our result replaces it; a Go write over ours leaves no stale Published flag to act on', async () => {
    const { store, table } = await freshStore();
    const [result] = fc.sample(jobResult, { numRuns: 1, seed: 25 });
    const versioned = { ...result!, filename: 'uploads/shared.txt', objectModifiedAt: '2026-11-27T10:00:00.000Z', published: false };
    // The Go sample wrote first (unconditionally); our versioned write still goes in.
    await aws.clients.dynamodb.send(new PutItemCommand({ TableName: table, Item: goSampleRow('uploads/shared.txt', { older: 1 }) as Record<string, AttributeValue> }));
    expect(await store.save(versioned)).toBe('saved');
    expect(await store.get('uploads/shared.txt')).toEqual(versioned);
    // Then the Go sample replaces the whole row: our pending mark finds another row and changes nothing.
    await aws.clients.dynamodb.send(new PutItemCommand({ TableName: table, Item: goSampleRow('uploads/shared.txt', { newer: 2 }) as Record<string, AttributeValue> }));
    await store.markPublished('uploads/shared.txt', versioned.resultId);
    const { Item } = await aws.clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: { Filename: { S: 'uploads/shared.txt' } }, ConsistentRead: true }));
    expect(Item).toEqual(goSampleRow('uploads/shared.txt', { newer: 2 }));
    expect(await store.get('uploads/shared.txt')).toMatchObject({ words: [{ word: 'newer', count: 2 }], origin: 'go-sample' });
    expect((await store.get('uploads/shared.txt'))?.published).toBeUndefined();
  });

  it('still reads our rows written before TopWords existed (the list in Words)', async () => {
    const { store, table } = await freshStore();
    const [result] = fc.sample(jobResult, { numRuns: 1, seed: 26 });
    await store.save({ ...result!, words: [{ word: 'the', count: 3 }] });
    await aws.clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { Filename: { S: result!.filename } },
        UpdateExpression: 'SET Words = :list REMOVE TopWords',
        ExpressionAttributeValues: { ':list': { L: [{ M: { Word: { S: 'the' }, Count: { N: '3' } } }] } },
      }),
    );
    expect(await store.get(result!.filename)).toEqual({ ...result!, words: [{ word: 'the', count: 3 }] });
  });

  it("reports a row that is neither ours nor the Go sample's, naming the attribute", async () => {
    const { store, table } = await freshStore();
    await aws.clients.dynamodb.send(new PutItemCommand({ TableName: table, Item: { Filename: { S: 'b/odd.txt' }, Words: { S: 'nope' } } }));
    await expect(store.get('b/odd.txt')).rejects.toThrow(/row "b\/odd.txt" has Words = "nope", expected a map of word -> count/);
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
