import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCounterStreamRecord, type CounterStreamRecord } from './counter-stream-record.js';
import { DynamoCounterStore } from './dynamo-counter-store.js';
import { countersTableShape } from './dynamo-table-layout.js';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['dynamodb'] });
});

afterAll(async () => {
  await aws?.stop();
});

async function freshStore() {
  const table = await aws.createTable({ prefix: 'visits', ...countersTableShape });
  return { store: new DynamoCounterStore(aws.clients.dynamodb, { table: table.name }), streamArn: table.streamArn! };
}

/** Every record the table's stream holds so far, oldest first. */
async function streamRecords(streamArn: string): Promise<StreamRecord[]> {
  const streams = aws.clients.dynamodbStreams;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: StreamRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    while (ShardIterator !== undefined) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
      records.push(...(page.Records ?? []));
      if ((page.Records ?? []).length === 0) break;
      ShardIterator = page.NextShardIterator;
    }
  }
  return records;
}

describe('DynamoCounterStore on DynamoDB Local', () => {
  it('counts a first visit from zero and reads it back', async () => {
    const { store } = await freshStore();
    expect(await store.read('/home')).toEqual({ page: '/home', pageVisits: 0, totalVisits: 0 });
    expect(await store.increment('/home')).toEqual({ page: '/home', pageVisits: 1, totalBefore: 0, totalAfter: 1 });
    expect(await store.increment('/about', 5)).toEqual({ page: '/about', pageVisits: 5, totalBefore: 1, totalAfter: 6 });
    expect(await store.read('/home')).toEqual({ page: '/home', pageVisits: 1, totalVisits: 6 });
  });

  it('gives exact totals under 200 concurrent increments, each with its own before/after step', async () => {
    const { store } = await freshStore();
    const pages = ['/a', '/b', '/c', '/d'];
    const increments = await Promise.all(Array.from({ length: 200 }, (_, i) => store.increment(pages[i % pages.length]!)));
    // The (before, after] steps tile 0..200 without gap or overlap: every ADD saw a distinct total.
    const steps = increments.map((inc) => [inc.totalBefore, inc.totalAfter] as const).sort((x, y) => x[0] - y[0]);
    expect(steps).toEqual(Array.from({ length: 200 }, (_, i) => [i, i + 1]));
    for (const page of pages) {
      const seen = increments.filter((inc) => inc.page === page).map((inc) => inc.pageVisits).sort((x, y) => x - y);
      expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await store.read(page)).toEqual({ page, pageVisits: 50, totalVisits: 200 });
    }
  });

  it('streams the site total\'s old and new values, which decode to the milestone rule\'s input', async () => {
    const { store, streamArn } = await freshStore();
    await store.increment('/home');
    await store.increment('/forum', 2);
    await store.increment('/home');
    const records = await streamRecords(streamArn);
    const changes = records.map((record) => decodeCounterStreamRecord(record as CounterStreamRecord)).filter((change) => change !== undefined);
    expect(changes.map(({ totalBefore, totalAfter }) => [totalBefore, totalAfter])).toEqual([
      [0, 1],
      [1, 3],
      [3, 4],
    ]);
    expect(new Set(changes.map((change) => change.sequenceNumber)).size).toBe(3);
    // Page records are in the stream too; they cross no milestone.
    expect(records).toHaveLength(6);
  });

  it('checks page names and increments', async () => {
    const { store } = await freshStore();
    await expect(store.increment('')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.increment('/x', 0)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/positive integer, got 0/) });
    await expect(store.increment('/x', 1.5)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.read('é'.repeat(1001))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/2002 bytes/) });
  });
});
