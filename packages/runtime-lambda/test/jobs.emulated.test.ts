import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { resultsTableShape } from '@wordfreq/adapters-aws';
import { handleJobMessageFrom, Tokens } from '@wordfreq/core/di';
import { toS3EventNotification, TransientError, type JobQueue, type ObjectStore, type ResultStore } from '@wordfreq/core';
import { emulatorCredentials, emulatorRegion, startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { decodeAsGoSampleResult, decodeAsGoSampleRow, goSampleMobyWords, goSampleRow, type GoAttributeMap } from '@wordfreq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsConfigFromEnv } from '../src/config/lambda-config.js';
import { createJobsHandler } from '../src/jobs/jobs.handler.js';
import { jobsHandlerFromEnv } from '../src/jobs/jobs.from-env.js';
import { createLambdaContainer } from '../src/lambda-container.js';
import { observability } from '../src/lambda-root.js';
import { startedClients } from './emulator-clients.js';
import { lambdaContext, sqsEvent } from './events.js';
import { receiveMessages, settleLikeLambda } from './sqs-helpers.js';
import { wrapPort } from './wrap-port.js';

let aws: EmulatedAws;
beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['s3', 'sqs', 'dynamodb'] });
}, 120_000);
afterAll(() => aws?.stop());

/** A bucket, jobs queue (+ DLQ), results queue and table; the jobs function's environment for them. */
async function deployment() {
  const [bucket, jobs, results, table] = await Promise.all([
    aws.createBucket('uploads'),
    aws.createQueue({ prefix: 'jobs', visibilitySeconds: 30, maxReceiveCount: 3 }),
    aws.createQueue({ prefix: 'results', maxReceiveCount: null }),
    aws.createTable({ ...resultsTableShape, prefix: 'results' }),
  ]);
  const env = {
    ...aws.env(),
    AWS_LAMBDA_FUNCTION_NAME: 'wordfreq-jobs-test',
    WORDFREQ_BUCKET: bucket,
    WORDFREQ_JOB_QUEUE: jobs.url,
    WORDFREQ_DEAD_LETTER_QUEUE: jobs.deadLetter!.url,
    WORDFREQ_RESULTS_QUEUE: results.url,
    WORDFREQ_RESULTS_TABLE: table.name,
  };
  const s3: S3Client = aws.clients.s3;
  const upload = async (key: string, text: string) => {
    const out = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: 'text/plain' }));
    return { bucket, key, size: Buffer.byteLength(text), etag: out.ETag!.replace(/"/g, '') };
  };
  const notify = (objects: Parameters<typeof toS3EventNotification>[0]) =>
    aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: jobs.url, MessageBody: toS3EventNotification(objects) }));
  const options = { clients: startedClients(aws), writeLine: () => {} };
  /** The jobs function's own container, for tests that wrap one of its ports. */
  const container = () => createLambdaContainer(jobsConfigFromEnv(env), { ...options, service: 'jobs', settings: jobsConfigFromEnv(env).job });
  return { bucket, jobs, results, table, env, upload, notify, options, container };
}

describe('jobs handler on the SQS, S3 and DynamoDB emulators', () => {
  it('a batch of 10 with 2 transient failures reports exactly those 2; their redelivery completes them', async () => {
    const d = await deployment();
    const files = Array.from({ length: 10 }, (_, i) => ({ key: `batch/file ${i}.txt`, text: `alpha beta beta gamma ${'delta '.repeat(i)}` }));
    for (const f of files) await d.notify([await d.upload(f.key, f.text)]);
    const flakyKeys = new Set(['batch/file 3.txt', 'batch/file 7.txt']);

    const container = d.container();
    const storage = container.get<ObjectStore>(Tokens.ObjectStore);
    const flaky = wrapPort(storage, {
      read: async (ref, range) => {
        if (flakyKeys.has(ref.key)) throw new TransientError(`S3 SlowDown reading ${ref.key}`);
        return storage.read(ref, range);
      },
    });
    // Swap the adapter in the function's own container, as a user would.
    container.rebind(Tokens.ObjectStore).toConstantValue(flaky);
    const handler = createJobsHandler(
      { handleJobMessage: handleJobMessageFrom(container), ...observability(container), queue: container.get<JobQueue>(Tokens.JobQueue) },
      { concurrency: 4, marginMs: 1_000 },
    );

    const messages = await receiveMessages(aws.clients.sqs, d.jobs.url, 10, 2);
    expect(messages).toHaveLength(10);
    const response = await handler(sqsEvent(messages, d.jobs.name), lambdaContext());
    const keyOf = (body: string) => decodeURIComponent((JSON.parse(body) as { Records: { s3: { object: { key: string } } }[] }).Records[0]!.s3.object.key.replace(/\+/g, ' '));
    const expectedFailures = messages.filter((m) => flakyKeys.has(keyOf(m.Body!))).map((m) => m.MessageId);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(expectedFailures.sort());
    await settleLikeLambda(aws.clients.sqs, d.jobs.url, messages, response);

    const results = container.get<ResultStore>(Tokens.ResultStore);
    for (const [i, f] of files.entries()) {
      const row = await results.get(`${d.bucket}/${f.key}`);
      if (flakyKeys.has(f.key)) expect(row).toBeUndefined();
      else {
        expect(row).toMatchObject({ status: 'succeeded', totalWords: 4 + i });
        expect(row!.words).toContainEqual({ word: 'beta', count: 2 });
      }
    }

    // After the 2 s visibility timeout SQS hands the two back (receive count 2); S3 has recovered.
    const again = await receiveMessages(aws.clients.sqs, d.jobs.url, 2, 30);
    expect(again.map((m) => m.MessageId).sort()).toEqual(expectedFailures.sort());
    expect(again.every((m) => m.Attributes?.ApproximateReceiveCount === '2')).toBe(true);
    const retry = await jobsHandlerFromEnv(d.env, d.options)(sqsEvent(again, d.jobs.name), lambdaContext());
    expect(retry).toEqual({ batchItemFailures: [] });
    for (const key of flakyKeys) expect(await results.get(`${d.bucket}/${key}`)).toMatchObject({ status: 'succeeded' });
    const published = await receiveMessages(aws.clients.sqs, d.results.url, 10);
    expect(new Set(published.map((m) => m.MessageAttributes?.resultId?.StringValue)).size).toBe(10);
  }, 90_000);

  it('publishes the results of a batch with SendMessageBatch (jobs finishing together share a call)', async () => {
    const d = await deployment();
    for (let i = 0; i < 10; i += 1) await d.notify([await d.upload(`many/file ${i}.txt`, `word${i} shared shared`)]);
    const messages = await receiveMessages(aws.clients.sqs, d.jobs.url, 10, 2);
    // The emulator's SQS client, with every command it sends to the results queue counted.
    const sqs = new SQSClient({ region: emulatorRegion, credentials: emulatorCredentials, endpoint: aws.endpoints.sqs });
    const sends: { command: string; entries: number }[] = [];
    sqs.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { QueueUrl?: string; Entries?: unknown[] };
        if (input.QueueUrl === d.results.url) sends.push({ command: context.commandName ?? '?', entries: input.Entries?.length ?? 1 });
        return next(args);
      },
      { step: 'initialize' },
    );
    const handler = jobsHandlerFromEnv({ ...d.env, WORDFREQ_CONCURRENCY: '10' }, { ...d.options, clients: { ...d.options.clients, sqs } });
    expect(await handler(sqsEvent(messages, d.jobs.name), lambdaContext())).toEqual({ batchItemFailures: [] });
    const published = await receiveMessages(aws.clients.sqs, d.results.url, 10);
    expect(new Set(published.map((m) => m.MessageAttributes?.resultId?.StringValue)).size).toBe(10);
    // How many calls depends on when the jobs finish; that they are batch calls, carrying all ten, does not.
    expect(new Set(sends.map((send) => send.command))).toEqual(new Set(['SendMessageBatchCommand']));
    expect(sends.reduce((sum, send) => sum + send.entries, 0)).toBe(10);
    sqs.destroy();
  }, 60_000);

  it('duplicates of a record give one result: one row, and every publication carries the same resultId', async () => {
    const d = await deployment();
    const object = await d.upload('dup/same file.txt', 'once upon a time upon a time');
    await d.notify([object]);
    await d.notify([object]); // S3 may notify twice for one upload
    const messages = await receiveMessages(aws.clients.sqs, d.jobs.url, 2);
    expect(messages).toHaveLength(2);
    const handler = jobsHandlerFromEnv(d.env, d.options);
    // The same record twice in one batch, and the duplicate notification alongside.
    const response = await handler(sqsEvent([messages[0]!, messages[0]!, messages[1]!], d.jobs.name), lambdaContext());
    expect(response).toEqual({ batchItemFailures: [] });

    const published = await receiveMessages(aws.clients.sqs, d.results.url, 3, 30, 3);
    expect(published).toHaveLength(2); // the in-batch duplicate ran once; the second notification ran again
    expect(new Set(published.map((m) => m.MessageAttributes?.resultId?.StringValue)).size).toBe(1);
    const rows = [];
    for await (const row of d.container().get<ResultStore>(Tokens.ResultStore).list()) rows.push(row);
    expect(rows.map((r) => r.filename)).toEqual([`${d.bucket}/dup/same file.txt`]);
    expect(rows[0]!.words.slice(0, 2)).toEqual([{ word: 'a', count: 2 }, { word: 'time', count: 2 }]);
  }, 60_000);

  it('a malformed record goes to the dead-letter queue with its reason; a missing object gets a failure result; neither is retried', async () => {
    const d = await deployment();
    await d.notify([{ bucket: d.bucket, key: 'missing/never uploaded.txt' }]);
    await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: d.jobs.url, MessageBody: '{"Records": "not a list"' }));
    await d.notify([await d.upload('ok.txt', 'fine text here')]);
    const messages = await receiveMessages(aws.clients.sqs, d.jobs.url, 3);
    expect(messages).toHaveLength(3);

    const response = await jobsHandlerFromEnv(d.env, d.options)(sqsEvent(messages, d.jobs.name), lambdaContext());
    expect(response).toEqual({ batchItemFailures: [] });

    const dead = await receiveMessages(aws.clients.sqs, d.jobs.deadLetter!.url, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.Body).toBe('{"Records": "not a list"');
    expect(dead[0]!.MessageAttributes?.reason?.StringValue).toMatch(/^BAD_MESSAGE: /);

    const results = d.container().get<ResultStore>(Tokens.ResultStore);
    expect(await results.get(`${d.bucket}/missing/never uploaded.txt`)).toMatchObject({ status: 'failed', error: { code: 'NOT_FOUND' } });
    expect(await results.get(`${d.bucket}/ok.txt`)).toMatchObject({ status: 'succeeded', totalWords: 3 });
  }, 60_000);

  it("with WORDFREQ_RESULT_FORMAT=go, publishes the Go sample's JSON and shares the table with a Go worker's rows", async () => {
    const d = await deployment();
    const env = { ...d.env, WORDFREQ_RESULT_FORMAT: 'go' };
    // A Go worker's row, already in the table.
    await aws.clients.dynamodb.send(new PutItemCommand({ TableName: d.table.name, Item: goSampleRow(`${d.bucket}/go/moby.txt`, goSampleMobyWords) as Record<string, AttributeValue> }));
    await d.notify([await d.upload('ours.txt', 'whale whale ocean')]);
    await d.notify([{ bucket: d.bucket, key: 'never uploaded.txt' }]);
    const messages = await receiveMessages(aws.clients.sqs, d.jobs.url, 2);
    expect(await jobsHandlerFromEnv(env, d.options)(sqsEvent(messages, d.jobs.name), lambdaContext())).toEqual({ batchItemFailures: [] });

    const published = (await receiveMessages(aws.clients.sqs, d.results.url, 2)).map((m) => decodeAsGoSampleResult(m.Body!));
    const byKey = new Map(published.map((r) => [r.Job?.Key, r]));
    expect(byKey.get('ours.txt')).toMatchObject({ Job: { Bucket: d.bucket, Region: aws.env().AWS_REGION }, Words: [{ Word: 'whale', Count: 2 }, { Word: 'ocean', Count: 1 }], Status: 'success', StatusMessage: '' });
    expect(byKey.get('never uploaded.txt')).toMatchObject({ Words: null, Status: 'failure', StatusMessage: expect.stringMatching(/^NOT_FOUND: /) });
    expect(Number.isSafeInteger(byKey.get('ours.txt')!.Duration)).toBe(true);

    const rows = [];
    for await (const row of d.container().get<ResultStore>(Tokens.ResultStore).list()) rows.push(row);
    expect(rows.map((r) => [r.filename, r.origin ?? 'ours']).sort()).toEqual([
      [`${d.bucket}/go/moby.txt`, 'go-sample'],
      [`${d.bucket}/never uploaded.txt`, 'ours'],
      [`${d.bucket}/ours.txt`, 'ours'],
    ]);
    const { Item } = await aws.clients.dynamodb.send(new GetItemCommand({ TableName: d.table.name, Key: { Filename: { S: `${d.bucket}/ours.txt` } }, ConsistentRead: true }));
    expect(decodeAsGoSampleRow(Item as GoAttributeMap)).toEqual({ Filename: `${d.bucket}/ours.txt`, Words: new Map([['whale', 2], ['ocean', 1]]) });
  }, 60_000);
});
