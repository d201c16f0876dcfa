import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CopyObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { parseJobMessage } from '@wordfreq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAgreedAwsSemantics } from './aws-semantics.test-support.js';
import { startEmulatedAws, type EmulatedAws } from './emulated-aws.js';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await startEmulatedAws();
}, 90_000);

afterAll(async () => {
  await aws?.stop();
});

describe('emulated S3 (s3rver)', () => {
  it('pages ListObjectsV2 with continuation tokens (needs the legacy OpenSSL provider in its process)', async () => {
    const bucket = await aws.createBucket('paging');
    const keys = ['a', 'b', 'c', 'd', 'e'];
    for (const key of keys) await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await aws.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
      token = page.NextContinuationToken;
      pages += 1;
    } while (token !== undefined);
    expect(seen).toEqual(keys);
    expect(pages).toBe(3);
  });

  it('reads an unencoded "+" in a copy source as a space, as S3 does (a plus must be sent as %2B)', async () => {
    const bucket = await aws.createBucket('plus');
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x y.txt', Body: 'space' }));
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x+z.txt', Body: 'plus' }));
    await aws.clients.s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'from-space.txt', CopySource: `${bucket}/x+y.txt` }));
    const copied = await aws.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'from-space.txt' }));
    expect(await copied.Body?.transformToString()).toBe('space');
    await expect(aws.clients.s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'lost.txt', CopySource: `${bucket}/x+z.txt` }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
  });

  it('bridges uploads to a queue as S3 notifications whose keys decode back exactly', async () => {
    const bucket = await aws.createBucket('bridge');
    const other = await aws.createBucket('other');
    const queue = await aws.createQueue({ prefix: 'bridge', maxReceiveCount: null });
    const bridge = aws.bridgeS3EventsToQueue({ queueUrl: queue.url, bucket });
    const keys = ['plain.txt', 'with space.txt', 'a+b=c.txt', 'ünïcødé/日本語.txt'];
    for (const key of keys) await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `text of ${key}` }));
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: other, Key: 'ignored.txt', Body: 'not bridged' }));
    await bridge.stop();
    expect(bridge.forwarded).toBe(keys.length);

    const bodies: string[] = [];
    while (bodies.length < keys.length) {
      const out = await aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      if ((out.Messages ?? []).length === 0) break;
      bodies.push(...(out.Messages ?? []).map((message) => message.Body ?? ''));
    }
    const jobs = bodies.flatMap((body) => parseJobMessage(body));
    expect(jobs.map((job) => job.key).sort()).toEqual([...keys].sort());
    expect(new Set(jobs.map((job) => job.bucket))).toEqual(new Set([bucket]));
    const record = JSON.parse(bodies.find((body) => body.includes('with+space')) ?? '{}').Records[0];
    expect(record.eventName).toBe('ObjectCreated:Put');
    expect(record.s3.object.size).toBe('text of with space.txt'.length);
  });
});

describe('emulated SQS (local-aws-sqs behind the harness shim)', () => {
  it('refuses visibility changes for messages not in flight or under a stale handle, and ignores stale deletes', async () => {
    const queue = await aws.createQueue({ prefix: 'stale', maxReceiveCount: null });
    await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'm' }));
    const receive = () => aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
    const first = (await receive()).Messages?.[0];
    await aws.clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: first?.ReceiptHandle, VisibilityTimeout: 0 }));
    await expect(
      aws.clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: first?.ReceiptHandle, VisibilityTimeout: 0 })),
    ).rejects.toMatchObject({ name: expect.stringMatching(/MessageNotInflight/) });
    const second = (await receive()).Messages?.[0];
    expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    await expect(
      aws.clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: first?.ReceiptHandle, VisibilityTimeout: 5 })),
    ).rejects.toMatchObject({ name: expect.stringMatching(/InvalidParameterValue/) });
    await aws.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: first?.ReceiptHandle }));
    const { Attributes } = await aws.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }));
    expect(Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('1');
  });
});

// What moto agrees on without a patch (aws-semantics.moto.test.ts runs the same): S3 ranges and
// copy sources, SQS depth, long polls and receive counts, DynamoDB Streams.
describeAgreedAwsSemantics('s3rver, local-aws-sqs and DynamoDB Local', () => aws);

describe('emulated SES (aws-ses-v2-local)', () => {
  it('keeps sent mail for readSentMail', async () => {
    const to = `reader-${Date.now()}@example.com`;
    const { MessageId } = await aws.clients.ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'site@example.com',
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: 'Grüße' }, Body: { Text: { Data: 'plain' }, Html: { Data: '<p>html</p>' } } } },
      }),
    );
    const mail = (await aws.readSentMail()).find((sent) => sent.destination.to.includes(to));
    expect(mail).toMatchObject({ messageId: MessageId, from: 'site@example.com', subject: 'Grüße', body: { text: 'plain', html: '<p>html</p>' } });
  });
});

describe('env()', () => {
  it('points a child process using only SDK defaults at the emulators', async () => {
    const bucket = await aws.createBucket('env');
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'from the parent.txt', Body: 'hello' }));
    const script = [
      "import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';",
      `const out = await new S3Client({}).send(new ListObjectsV2Command({ Bucket: ${JSON.stringify(bucket)} }));`,
      'process.stdout.write(JSON.stringify(out.Contents.map((o) => o.Key)));',
    ].join('\n');
    const env = { PATH: process.env.PATH ?? '', ...aws.env() };
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env, cwd: fileURLToPath(new URL('.', import.meta.url)) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr}`))));
    });
    expect(JSON.parse(output)).toEqual(['from the parent.txt']);
  });
});

describe('startEmulatedAws with a subset of services', () => {
  it('starts only those, names the missing service when its client is used, and stops cleanly twice', async () => {
    const ses = await startEmulatedAws({ services: ['ses'] });
    try {
      expect(Object.keys(ses.endpoints)).toEqual(['ses']);
      expect(() => ses.clients.dynamodb).toThrow(/dynamodb emulator was not started/);
      await expect(ses.createBucket()).rejects.toThrow(/s3 emulator was not started/);
    } finally {
      await ses.stop();
      await ses.stop();
    }
    await expect(fetch(`${ses.endpoints.ses}/health-check`)).rejects.toThrow();
  });

  it('rejects an unknown service by name', async () => {
    await expect(startEmulatedAws({ services: ['sns' as never] })).rejects.toThrow(/unknown emulated service "sns"/);
  });
});
