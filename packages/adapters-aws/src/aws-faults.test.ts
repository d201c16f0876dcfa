// Faults the emulators cannot produce: throttling and 5xx (injected with aws-sdk-client-mock) and
// broken connections (real loopback servers that misbehave). All must surface as TransientError.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { TransientError } from '@wordfreq/core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoClaimStore } from './dynamodb/dynamo-claim-store.js';
import { DynamoCounterStore } from './dynamodb/dynamo-counter-store.js';
import { S3ObjectStore } from './s3/s3-object-store.js';
import { SesMailer } from './ses/ses-mailer.js';
import { SqsJobQueue } from './sqs/sqs-job-queue.js';
import { SqsResultPublisher } from './sqs/sqs-result-publisher.js';

const region = 'us-east-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
// Mocked clients still get a loopback endpoint: should a mock not apply, the request is refused
// locally instead of leaving the machine.
const offline = { region, credentials, endpoint: 'http://127.0.0.1:9', maxAttempts: 1 };
const queueUrl = 'http://127.0.0.1:1/123456789012/jobs';

function throttled(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

function unavailable(): Error {
  return Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
}

const mail = { from: 'site@example.com', to: ['owner@example.com'], subject: 'Hi', text: 'Hello' };
const result = {
  resultId: 'r1', filename: 'b/k', bucket: 'b', key: 'k', status: 'succeeded' as const, words: [], bytes: 0, totalWords: 0, distinctWords: 0,
  startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000, countMs: 1, workerId: 'w',
};

describe.each([
  ['throttling', throttled],
  ['a 503', unavailable],
])('with %s from the service', (_what, fault) => {
  it('S3ObjectStore reads and heads fail transiently', async () => {
    const s3 = new S3Client(offline);
    const mock = mockClient(s3);
    mock.on(GetObjectCommand).rejects(fault()).on(HeadObjectCommand).rejects(fault());
    const store = new S3ObjectStore(s3);
    await expect(store.read({ bucket: 'b', key: 'k' })).rejects.toBeInstanceOf(TransientError);
    await expect(store.head({ bucket: 'b', key: 'k' })).rejects.toBeInstanceOf(TransientError);
  });

  it('SqsJobQueue and SqsResultPublisher fail transiently', async () => {
    const sqs = new SQSClient(offline);
    mockClient(sqs).on(ReceiveMessageCommand).rejects(fault()).on(SendMessageCommand).rejects(fault());
    await expect(new SqsJobQueue(sqs, { queue: queueUrl }).receive({ max: 1, waitSeconds: 0, visibilitySeconds: 30 })).rejects.toBeInstanceOf(TransientError);
    await expect(new SqsResultPublisher(sqs, { queue: queueUrl }).publish(result)).rejects.toBeInstanceOf(TransientError);
  });

  it('the DynamoDB stores fail transiently', async () => {
    const dynamodb = new DynamoDBClient(offline);
    // The stores talk through lib-dynamodb's document client, which has its own send.
    const mock = mockClient(DynamoDBDocumentClient);
    mock.on(UpdateCommand).rejects(fault()).on(PutCommand).rejects(fault());
    await expect(new DynamoCounterStore(dynamodb, { table: 't' }).increment('/home')).rejects.toBeInstanceOf(TransientError);
    await expect(new DynamoClaimStore(dynamodb, { table: 't' }).claim(1000, 'me', new Date())).rejects.toBeInstanceOf(TransientError);
    mock.restore();
  });

  it('SesMailer fails transiently', async () => {
    const ses = new SESv2Client(offline);
    mockClient(ses).on(SendEmailCommand).rejects(fault());
    await expect(new SesMailer(ses).send(mail)).rejects.toBeInstanceOf(TransientError);
  });
});

describe('over a misbehaving connection', () => {
  const servers: (Server | TcpServer)[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  });

  async function listen<T extends Server | TcpServer>(server: T): Promise<string> {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  function s3At(endpoint: string): S3Client {
    // One attempt: the SDK's own retries would only repeat the same fault.
    return new S3Client({ region, credentials, endpoint, forcePathStyle: true, maxAttempts: 1 });
  }

  it('a connection dropped before any answer is a TransientError', async () => {
    const endpoint = await listen(createTcpServer((socket) => socket.destroy()));
    await expect(new S3ObjectStore(s3At(endpoint)).head({ bucket: 'b', key: 'k' })).rejects.toBeInstanceOf(TransientError);
  });

  it('a refused connection is a TransientError', async () => {
    // A port that was just listening and is closed now: nothing accepts on it.
    const probe = createTcpServer();
    const endpoint = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    servers.pop();
    await expect(new S3ObjectStore(s3At(endpoint)).head({ bucket: 'b', key: 'k' })).rejects.toBeInstanceOf(TransientError);
  });

  it('a 503 answer over the wire is a TransientError', async () => {
    const endpoint = await listen(
      createHttpServer((_req, res) => {
        res.writeHead(503, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
      }),
    );
    await expect(new S3ObjectStore(s3At(endpoint)).read({ bucket: 'b', key: 'k' })).rejects.toMatchObject({ code: 'TRANSIENT', message: expect.stringMatching(/SlowDown/) });
  });

  it('a connection cut in the middle of a streamed body fails the iteration with a TransientError', async () => {
    const endpoint = await listen(
      createHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(1024 * 1024), etag: '"abc"' });
        res.write(Buffer.alloc(64 * 1024, 'a'), () => setTimeout(() => res.socket?.destroy(), 20));
      }),
    );
    const read = await new S3ObjectStore(s3At(endpoint)).read({ bucket: 'b', key: 'k' });
    let received = 0;
    const consume = async () => {
      for await (const chunk of read.body) received += chunk.length;
    };
    await expect(consume()).rejects.toBeInstanceOf(TransientError);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(1024 * 1024);
  });
});
