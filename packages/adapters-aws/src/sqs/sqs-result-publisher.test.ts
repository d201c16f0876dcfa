import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseResultMessage, type JobResult } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { decodeAsGoSampleResult } from '@wordfreq/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsJobQueue } from './sqs-job-queue.js';
import { SqsResultPublisher } from './sqs-result-publisher.js';

const succeeded: JobResult = {
  resultId: '0123456789abcdef',
  filename: 'uploads/war and peace.txt',
  bucket: 'uploads',
  key: 'war and peace.txt',
  status: 'succeeded',
  etag: 'd41d8cd98f00b204e9800998ecf8427e',
  words: [
    { word: 'the', count: 34_000 },
    { word: 'señor', count: 12 },
  ],
  bytes: 3_200_000,
  totalWords: 560_000,
  distinctWords: 20_000,
  startedAt: '2026-11-27T10:00:00.000Z',
  finishedAt: '2026-11-27T10:00:01.250Z',
  durationMs: 1250,
  countMs: 900,
  workerId: 'i-0abc:123',
};

const failed: JobResult = {
  ...succeeded,
  resultId: 'fedcba9876543210',
  status: 'failed',
  words: [],
  bytes: 0,
  totalWords: 0,
  distinctWords: 0,
  error: { code: 'NOT_FOUND', message: 'no object "war and peace.txt"' },
};

describe('SqsResultPublisher on local-aws-sqs', () => {
  let aws: EmulatedAws;
  beforeAll(async () => {
    aws = await startEmulatedAws({ services: ['sqs'] });
  });
  afterAll(async () => {
    await aws?.stop();
  });

  it.each([
    ['a success', succeeded],
    ['a failure', failed],
  ])('publishes %s as a wordfreq.result/v1 message that parses back to the same result', async (_what, result) => {
    const created = await aws.createQueue({ prefix: 'results', maxReceiveCount: null });
    await new SqsResultPublisher(aws.clients.sqs, { queue: created.url }).publish(result);
    const [delivery] = await new SqsJobQueue(aws.clients.sqs, { queue: created.url }).receive({ max: 1, waitSeconds: 2, visibilitySeconds: 30 });
    const { schema, ...parsed } = parseResultMessage(delivery!.body);
    expect(schema).toBe('wordfreq.result/v1');
    expect(parsed).toEqual(result);
    expect(delivery!.attributes).toEqual({ resultId: result.resultId, status: result.status });
  });

  // What the Go sample's ResultNotifier sends: json.Marshal of its JobResult (field order kept; time
  // in RFC 3339 without trailing zeros; Duration in nanoseconds; a nil Words slice on failure).
  it.each([
    [
      'a success',
      succeeded,
      '{"Job":{"StartedAt":"2026-11-27T10:00:00Z","Region":"eu-west-1","Bucket":"uploads","Key":"war and peace.txt"},' +
        '"Words":[{"Word":"the","Count":34000},{"Word":"señor","Count":12}],"Duration":1250000000,"Status":"success","StatusMessage":""}',
    ],
    [
      'a failure',
      failed,
      '{"Job":{"StartedAt":"2026-11-27T10:00:00Z","Region":"eu-west-1","Bucket":"uploads","Key":"war and peace.txt"},' +
        '"Words":null,"Duration":1250000000,"Status":"failure","StatusMessage":"NOT_FOUND: no object \\"war and peace.txt\\""}',
    ],
  ])("with format go, publishes %s as exactly the Go sample's JSON, which a reader of its schema decodes", async (_what, result, expected) => {
    const created = await aws.createQueue({ prefix: 'results', maxReceiveCount: null });
    await new SqsResultPublisher(aws.clients.sqs, { queue: created.url, format: 'go', region: 'eu-west-1' }).publish(result);
    const [delivery] = await new SqsJobQueue(aws.clients.sqs, { queue: created.url }).receive({ max: 1, waitSeconds: 2, visibilitySeconds: 30 });
    expect(delivery!.body).toBe(expected);
    const go = decodeAsGoSampleResult(delivery!.body);
    expect(go).toMatchObject({ Job: { Bucket: result.bucket, Key: result.key, Region: 'eu-west-1' }, Duration: 1_250_000_000, Status: result.status === 'succeeded' ? 'success' : 'failure' });
    expect(go.Words).toEqual(result.status === 'succeeded' ? result.words.map((w) => ({ Word: w.word, Count: w.count })) : null);
    expect(go.Job?.StartedAt.toISOString()).toBe(result.startedAt);
  });

  it('refuses an unknown format, naming the ones it has', () => {
    expect(() => new SqsResultPublisher(aws.clients.sqs, { queue: 'q', format: 'xml' as never })).toThrow(/format must be one of wordfreq, go, got "xml"/);
  });

  it('publishMany sends the same messages with SendMessageBatch, 10 per request, and returns only the entries refused', async () => {
    const created = await aws.createQueue({ prefix: 'results', maxReceiveCount: null });
    const results = Array.from({ length: 12 }, (_, i) => ({ ...succeeded, resultId: `id-${i}`, filename: `uploads/f${i}`, key: `f${i}` }));
    // A result no queue accepts (over SQS's message size): refused before sending, the others go.
    const bad = { ...succeeded, resultId: 'bad', words: [{ word: 'x'.repeat(1_100_000), count: 1 }] };
    const failed = await new SqsResultPublisher(aws.clients.sqs, { queue: created.url }).publishMany([...results.slice(0, 5), bad, ...results.slice(5)]);
    expect(failed.map((f) => f.entry)).toEqual([bad]);
    const queue = new SqsJobQueue(aws.clients.sqs, { queue: created.url });
    const got = [];
    for (let batch; (batch = await queue.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 30 })).length > 0; ) got.push(...batch);
    expect(got.map((d) => parseResultMessage(d.body).resultId).sort()).toEqual(results.map((r) => r.resultId).sort());
    expect(got.every((d) => d.attributes.status === 'succeeded')).toBe(true);
  });
});

describe('SqsResultPublisher message fields', () => {
  const offline = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, endpoint: 'http://127.0.0.1:9' };

  it('adds a message group and deduplication id (the resultId) only on a FIFO queue', async () => {
    const sqs = new SQSClient(offline);
    const mock = mockClient(sqs);
    mock.on(SendMessageCommand).resolves({ MessageId: 'm' });
    await new SqsResultPublisher(sqs, { queue: 'http://127.0.0.1:9/123456789012/results.fifo' }).publish(succeeded);
    await new SqsResultPublisher(sqs, { queue: 'http://127.0.0.1:9/123456789012/results' }).publish(succeeded);
    const [fifo, standard] = mock.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(fifo).toMatchObject({ MessageDeduplicationId: succeeded.resultId, MessageGroupId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(standard).not.toHaveProperty('MessageDeduplicationId');
    expect(standard).not.toHaveProperty('MessageGroupId');
  });
});
