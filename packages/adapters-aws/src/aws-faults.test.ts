// Faults the emulators cannot produce: throttling and 5xx (loopback servers answering with AWS's own
// error documents, parsed by the SDK's deserialisers) and broken connections (real loopback servers
// that misbehave). All must surface as TransientError.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { TransientError } from '@wordfreq/core';
import { dynamoDbError, s3Error, sesV2Error, sqsError, startAwsFaultServer, type AwsErrorDocument, type AwsFaultServer, type FaultKind } from '@wordfreq/local-aws';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoClaimStore } from './dynamodb/dynamo-claim-store.js';
import { DynamoCounterStore } from './dynamodb/dynamo-counter-store.js';
import { S3ObjectStore } from './s3/s3-object-store.js';
import { SesMailer } from './ses/ses-mailer.js';
import { SqsJobQueue } from './sqs/sqs-job-queue.js';
import { SqsResultPublisher } from './sqs/sqs-result-publisher.js';

const region = 'us-east-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const mail = { from: 'site@example.com', to: ['owner@example.com'], subject: 'Hi', text: 'Hello' };
const result = {
  resultId: 'r1', filename: 'b/k', bucket: 'b', key: 'k', status: 'succeeded' as const, words: [], bytes: 0, totalWords: 0, distinctWords: 0,
  startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000, countMs: 1, workerId: 'w',
};

const faultServers: AwsFaultServer[] = [];
afterEach(async () => {
  await Promise.all(faultServers.splice(0).map((server) => server.stop()));
});

/** A client config aimed at a server answering every request with `document`; one attempt, so the SDK's retries do not hide it. */
async function answering(document: AwsErrorDocument) {
  const server = await startAwsFaultServer(document);
  faultServers.push(server);
  return { server, config: { region, credentials, endpoint: server.endpoint, maxAttempts: 1 } };
}

describe.each<[string, FaultKind]>([
  ['throttling', 'throttling'],
  ['a 5xx', 'server-error'],
])('with %s from the service, parsed from its own error document', (_what, kind) => {
  it('S3ObjectStore reads and heads fail transiently', async () => {
    const { server, config } = await answering(s3Error(kind));
    const store = new S3ObjectStore(new S3Client({ ...config, forcePathStyle: true }));
    await expect(store.read({ bucket: 'b', key: 'k' })).rejects.toBeInstanceOf(TransientError);
    await expect(store.head({ bucket: 'b', key: 'k' })).rejects.toBeInstanceOf(TransientError);
    expect(server.requests.map((request) => request.method)).toEqual(['GET', 'HEAD']);
  });

  it('SqsJobQueue and SqsResultPublisher fail transiently', async () => {
    const { server, config } = await answering(sqsError(kind));
    const sqs = new SQSClient(config);
    const queueUrl = `${server.endpoint}/123456789012/jobs`;
    await expect(new SqsJobQueue(sqs, { queue: queueUrl }).receive({ max: 1, waitSeconds: 0, visibilitySeconds: 30 })).rejects.toBeInstanceOf(TransientError);
    await expect(new SqsResultPublisher(sqs, { queue: queueUrl }).publish(result)).rejects.toBeInstanceOf(TransientError);
    expect(server.requests.map((request) => request.target)).toEqual(['AmazonSQS.ReceiveMessage', 'AmazonSQS.SendMessage']);
  });

  it('the DynamoDB stores fail transiently', async () => {
    const documents = kind === 'throttling' ? [dynamoDbError('throttling'), dynamoDbError('throughput')] : [dynamoDbError('server-error')];
    for (const document of documents) {
      const { server, config } = await answering(document);
      const dynamodb = new DynamoDBClient(config);
      await expect(new DynamoCounterStore(dynamodb, { table: 't' }).increment('/home'), document.name).rejects.toBeInstanceOf(TransientError);
      await expect(new DynamoClaimStore(dynamodb, { table: 't' }).claim(1000, 'me', new Date()), document.name).rejects.toBeInstanceOf(TransientError);
      expect(server.requests.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('SesMailer fails transiently', async () => {
    const { server, config } = await answering(sesV2Error(kind));
    await expect(new SesMailer(new SESv2Client(config)).send(mail)).rejects.toBeInstanceOf(TransientError);
    expect(server.requests).toHaveLength(1);
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
