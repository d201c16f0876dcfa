import { GetObjectCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { decodeS3EventKey } from '@wordfreq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMotoAws, type MotoAws } from './moto-aws.js';

let aws: MotoAws;

beforeAll(async () => {
  aws = await startMotoAws();
});

afterAll(async () => {
  await aws?.stop();
});

describe('moto server (the second emulator)', () => {
  it('serves S3, SQS, DynamoDB and SES on one loopback endpoint', () => {
    expect(aws.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.values(aws.endpoints)).toEqual([aws.endpoint, aws.endpoint, aws.endpoint, aws.endpoint]);
    expect(aws.env()).toMatchObject({ AWS_ENDPOINT_URL_S3: aws.endpoint, AWS_ENDPOINT_URL_DYNAMODB_STREAMS: aws.endpoint });
  });

  async function takeBodies(queueUrl: string): Promise<Record<string, unknown>[]> {
    const bodies: Record<string, unknown>[] = [];
    for (;;) {
      const { Messages = [] } = await aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if (Messages.length === 0) return bodies;
      bodies.push(...Messages.map((message) => JSON.parse(message.Body ?? '{}') as Record<string, unknown>));
    }
  }

  it('sends an s3:TestEvent to the queue when a bucket notification is configured, as S3 does', async () => {
    const bucket = await aws.createBucket('test-event');
    const queue = await aws.createQueue({ prefix: 'test-event', maxReceiveCount: null });
    const { Attributes } = await aws.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] }));
    await aws.clients.s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: bucket,
        NotificationConfiguration: { QueueConfigurations: [{ QueueArn: Attributes?.QueueArn, Events: ['s3:ObjectCreated:*'] }] },
      }),
    );
    expect(await takeBodies(queue.url)).toEqual([expect.objectContaining({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: bucket })]);
  });

  it('bridges uploads with its own S3 notifications: one record per upload, keys form-encoded, the test event taken', async () => {
    const bucket = await aws.createBucket('notify');
    const queue = await aws.createQueue({ prefix: 'notify', maxReceiveCount: null });
    await aws.bridgeS3EventsToQueue({ bucket, queueUrl: queue.url }).drain();
    const keys = ['plain.txt', 'with space.txt', 'a+b=c.txt', 'ünïcødé/日本語.txt'];
    for (const key of keys) await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const bodies = await takeBodies(queue.url);
    expect(bodies.filter((body) => body.Event === 's3:TestEvent')).toEqual([]);
    const records = bodies.flatMap((body) => (body.Records ?? []) as { eventName: string; s3: { object: { key: string } } }[]);
    expect(records.map((record) => record.eventName)).toEqual(keys.map(() => 'ObjectCreated:Put'));
    expect(records.map((record) => record.s3.object.key)).toContain('with+space.txt');
    expect(records.map((record) => decodeS3EventKey(record.s3.object.key, 'record')).sort()).toEqual([...keys].sort());
    const object = await aws.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'with space.txt' }));
    expect(await object.Body?.transformToString()).toBe('with space.txt');
  });

  it('refuses the s3rver-only readSentMail, naming readMotoMail', async () => {
    await expect(aws.readSentMail()).rejects.toThrow(/readMotoMail/);
  });

  it('stops cleanly twice: the endpoint no longer answers', async () => {
    const other = await startMotoAws();
    await other.stop();
    await other.stop();
    await expect(fetch(`${other.endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });
});
