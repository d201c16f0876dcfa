// The corpus handlers on emulated AWS, one step after the other as the state machine runs them:
// ranged reads of s3rver, partial counts written and read back, the merged result stored in DynamoDB
// Local and published on local SQS. (The state machine itself runs in packages/infra's local test.)
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { resultsTableShape } from '@wordfreq/adapters-aws';
import { countText, countWords, decodePartialCounts, mergeCounts, summarize, type CorpusPart, type WordCounts } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusMapHandlerFromEnv } from '../src/corpus-map/corpus-map.from-env.js';
import { corpusPlanHandlerFromEnv } from '../src/corpus-plan/corpus-plan.from-env.js';
import { corpusReduceHandlerFromEnv } from '../src/corpus-reduce/corpus-reduce.from-env.js';
import { startedClients } from './emulator-clients.js';
import { lambdaContext } from './events.js';
import { receiveMessages } from './sqs-helpers.js';

let aws: EmulatedAws;
beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['s3', 'sqs', 'dynamodb'] });
}, 120_000);
afterAll(() => aws?.stop());

const quiet = { writeLine: () => {} };
const MiB = 1024 * 1024;

async function bytesOf(bucket: string, key: string): Promise<Uint8Array> {
  return (await aws.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
}

describe('corpus plan, map and reduce on the emulators', () => {
  it('counts a prefix through ranged parts into partials, merges them, and stores and publishes the corpus result', async () => {
    const [uploads, work, results, table] = await Promise.all([
      aws.createBucket('uploads'),
      aws.createBucket('corpus-work'),
      aws.createQueue({ prefix: 'results', maxReceiveCount: null }),
      aws.createTable({ ...resultsTableShape, prefix: 'results' }),
    ]);
    // A file of 2.6 MiB (three ranges of 1 MiB parts: cuts inside words and inside "ü", "’") and a few small ones.
    const line = 'Zürich’s naïve café don’t stop; the THE the 東京 ';
    const files: Record<string, string> = {
      'books/big.txt': line.repeat(Math.ceil((2.6 * MiB) / Buffer.byteLength(line))),
      'books/a.txt': 'to be or not to be',
      'books/b c.txt': 'Be quick, be brave!',
      'books/empty.txt': '',
    };
    for (const [key, body] of Object.entries(files)) await aws.clients.s3.send(new PutObjectCommand({ Bucket: uploads, Key: key, Body: body }));
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: uploads, Key: 'elsewhere/x.txt', Body: 'not in the corpus' }));
    const env = {
      ...aws.env(),
      AWS_LAMBDA_FUNCTION_NAME: 'wordfreq-corpus-test',
      WORDFREQ_CORPUS_BUCKET: work,
      WORDFREQ_ALLOWED_BUCKETS: uploads,
      WORDFREQ_CORPUS_PART_MB: '1',
      WORDFREQ_CORPUS_FAN_IN: '2',
      WORDFREQ_RESULTS_TABLE: table.name,
      WORDFREQ_RESULTS_QUEUE: results.url,
    };
    const clients = startedClients(aws);
    const plan = corpusPlanHandlerFromEnv(env, { clients, ...quiet });
    const map = corpusMapHandlerFromEnv(env, { clients, ...quiet });
    const reduce = corpusReduceHandlerFromEnv(env, { clients, ...quiet });

    const runId = 'emulated-run-1';
    const planned = await plan({ request: { bucket: uploads, prefix: 'books/' }, runId }, lambdaContext());
    expect(planned).toMatchObject({ runId, request: { bucket: uploads, prefix: 'books/' }, totals: { parts: 4, objects: 4 }, manifest: { bucket: work, key: `corpus-runs/${runId}/manifest.json` } });
    expect(planned.totals.bytes).toBe(Object.values(files).reduce((sum, body) => sum + Buffer.byteLength(body), 0));
    const parts = JSON.parse(Buffer.from(await bytesOf(work, planned.manifest.key)).toString()) as CorpusPart[];
    // The big file's three ranges, and the three small files batched into one part.
    expect(parts.map((p) => p.slices.length).sort()).toEqual([1, 1, 1, 3]);
    const groups = JSON.parse(Buffer.from(await bytesOf(work, planned.groups.key)).toString()) as { id: string; parts: string[] }[];
    expect(groups.map((g) => g.parts)).toEqual([parts.slice(0, 2).map((p) => p.id), parts.slice(2).map((p) => p.id)]);

    // The Map's batches: two children of two parts; the first is retried (same input), its partials overwritten.
    const first = await map({ BatchInput: { runId }, Items: parts.slice(0, 2) }, lambdaContext());
    const partialKey = `corpus-runs/${runId}/partials/${parts[1]!.id}.wfpc`;
    const before = await bytesOf(work, partialKey);
    expect(await map({ BatchInput: { runId }, Items: parts.slice(0, 2) }, lambdaContext())).toEqual(first);
    expect(Buffer.from(await bytesOf(work, partialKey)).equals(Buffer.from(before))).toBe(true);
    await map({ BatchInput: { runId }, Items: parts.slice(2) }, lambdaContext());

    // Read back: each range's partial holds whole words only; together they are the big file's counts.
    const ranges = await Promise.all(parts.filter((p) => p.slices[0]!.key === 'books/big.txt').map(async (p) => decodePartialCounts(await bytesOf(work, `corpus-runs/${runId}/partials/${p.id}.wfpc`))));
    expect(ranges).toHaveLength(3);
    const merged = ranges.reduce<WordCounts>((a, b) => mergeCounts(a, b), { bytes: 0, totalWords: 0, counts: new Map() });
    expect(ranges.every((r) => r.parts === 1)).toBe(true);
    expect(summarize(merged)).toEqual(countText(files['books/big.txt']!));
    const head = await aws.clients.s3.send(new HeadObjectCommand({ Bucket: work, Key: partialKey }));
    expect(head.ContentType).toBe('application/vnd.wordfreq.partial-counts');
    expect(Number(head.Metadata?.['wordfreq-count-ms'])).toBeGreaterThanOrEqual(0);

    // The tree: each group merged, then the final reduce over the merged groups.
    for (const group of groups) expect(await reduce({ mode: 'merge', runId, group }, lambdaContext())).toMatchObject({ mode: 'merge', group: group.id, parts: 2, missing: 0 });
    const listed = await aws.clients.s3.send(new ListObjectsV2Command({ Bucket: work, Prefix: `corpus-runs/${runId}/` }));
    expect(listed.Contents?.map((o) => o.Key!.slice(`corpus-runs/${runId}/`.length)).sort()).toEqual(
      ['groups.json', 'manifest.json', 'merged/g00000.wfpc', 'merged/g00001.wfpc', ...parts.map((p) => `partials/${p.id}.wfpc`)].sort(),
    );
    const done = await reduce({ mode: 'final', plan: planned }, lambdaContext());
    // Each file counted on its own, the counts merged: files are never glued together.
    const each = await Promise.all(Object.values(files).map((body) => countWords([new TextEncoder().encode(body)])));
    const expected = summarize(each.reduce<WordCounts>((a, b) => mergeCounts(a, b), { bytes: 0, totalWords: 0, counts: new Map() }));
    expect(done).toMatchObject({ mode: 'final', superseded: false });
    if (done.mode !== 'final') throw new Error('not the final reduce');
    expect(done.result).toMatchObject({
      filename: `${uploads}/books/*`,
      key: 'books/*',
      kind: 'corpus',
      corpus: { parts: 4, objects: 4 },
      words: expected.top,
      totalWords: expected.totalWords,
      distinctWords: expected.distinctWords,
      bytes: expected.bytes,
      published: true,
      workerId: 'lambda:wordfreq-corpus-test',
    });

    const row = await aws.clients.dynamodb.send(new GetItemCommand({ TableName: table.name, Key: { Filename: { S: `${uploads}/books/*` } }, ConsistentRead: true }));
    expect(row.Item).toMatchObject({ ResultId: { S: done.result.resultId }, TotalWords: { N: String(expected.totalWords) }, Published: { BOOL: true } });
    const [message] = await receiveMessages(aws.clients.sqs, results.url, 1);
    expect(JSON.parse(message!.Body!)).toMatchObject({ filename: `${uploads}/books/*`, resultId: done.result.resultId, totalWords: expected.totalWords });
  }, 120_000);

  it('refuses a bucket off the allow-list, an empty prefix, and a reduce whose partial is missing', async () => {
    const [uploads, work] = await Promise.all([aws.createBucket('uploads'), aws.createBucket('corpus-work')]);
    const env = { ...aws.env(), WORDFREQ_CORPUS_BUCKET: work, WORDFREQ_ALLOWED_BUCKETS: uploads, WORDFREQ_RESULTS_TABLE: 'wordfreq', WORDFREQ_RESULTS_QUEUE: 'wordfreq-results' };
    const clients = startedClients(aws);
    const plan = corpusPlanHandlerFromEnv(env, { clients, ...quiet });
    await expect(plan({ request: { bucket: 'someone-elses', prefix: '' }, runId: 'r1' }, lambdaContext())).rejects.toThrow(/bucket someone-elses is not one corpus jobs may read/);
    await expect(plan({ request: { bucket: uploads, prefix: 'nothing/' }, runId: 'r1' }, lambdaContext())).rejects.toThrow(/names no object: nothing to count/);
    await expect(plan({ request: { bucket: uploads, prefix: 'a/' }, runId: '../escape' }, lambdaContext())).rejects.toThrow(/run id is 1-80 letters/);
    const reduce = corpusReduceHandlerFromEnv(env, { clients, ...quiet });
    await expect(reduce({ mode: 'merge', runId: 'r1', group: { id: 'g00000', parts: ['p00000-deadbeef'] } }, lambdaContext())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});
