import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { systemClock, type Clock, type Logger } from '@wordfreq/core';
import { Tokens } from '@wordfreq/core/di';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { awsAdapters } from './aws-adapters.module.js';
import { dynamodbAdapters } from './dynamodb/dynamodb-adapters.module.js';
import { s3Adapters } from './s3/s3-adapters.module.js';
import { sesAdapters } from './ses/ses-adapters.module.js';
import { sqsAdapters } from './sqs/sqs-adapters.module.js';
import { defaultAwsResourceNames, type AwsAdaptersConfig } from './shared/aws-config.js';
import { AwsTokens } from './shared/aws-tokens.js';
import { DynamoClaimStore } from './dynamodb/dynamo-claim-store.js';
import { DynamoCounterStore } from './dynamodb/dynamo-counter-store.js';
import { DynamoResultStore } from './dynamodb/dynamo-result-store.js';
import { EmfMetrics, JsonLinesLogger } from '@wordfreq/observability';
import { S3ObjectStore } from './s3/s3-object-store.js';
import { SesMailer } from './ses/ses-mailer.js';
import { SqsJobQueue } from './sqs/sqs-job-queue.js';
import { SqsResultPublisher } from './sqs/sqs-result-publisher.js';

// Constructing clients and adapters sends nothing; the endpoint is loopback in case anything did.
const options = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, endpoint: 'http://127.0.0.1:9' };
const clients = () => ({ s3: new S3Client(options), sqs: new SQSClient(options), dynamodb: new DynamoDBClient(options), ses: new SESv2Client(options) });
const config: AwsAdaptersConfig = { region: 'us-east-1', names: defaultAwsResourceNames };

describe('awsAdapters', () => {
  it('binds every port to its AWS adapter, as singletons over the given clients', () => {
    const given = clients();
    const container = new Container();
    container.load(awsAdapters(config, given));
    const expected: [symbol, new (...args: never[]) => unknown][] = [
      [Tokens.ObjectStore, S3ObjectStore],
      [Tokens.JobQueue, SqsJobQueue],
      [Tokens.DeadLetterQueue, SqsJobQueue],
      [Tokens.ResultStore, DynamoResultStore],
      [Tokens.ResultPublisher, SqsResultPublisher],
      [Tokens.CounterStore, DynamoCounterStore],
      [Tokens.ClaimStore, DynamoClaimStore],
      [Tokens.Mailer, SesMailer],
      [Tokens.Metrics, EmfMetrics],
      [Tokens.Logger, JsonLinesLogger],
    ];
    for (const [token, type] of expected) {
      expect(container.get(token), String(token)).toBeInstanceOf(type);
      expect(container.get(token)).toBe(container.get(token));
    }
    expect(container.get(Tokens.JobQueue)).not.toBe(container.get(Tokens.DeadLetterQueue));
    expect((container.get(Tokens.JobQueue) as SqsJobQueue).name).toBe('wordfreq-jobs');
    expect((container.get(Tokens.DeadLetterQueue) as SqsJobQueue).name).toBe('wordfreq-jobs-dlq');
    expect(container.get(Tokens.Clock)).toBe(systemClock);
    expect(container.get(AwsTokens.S3Client)).toBe(given.s3);
    expect(container.get(AwsTokens.Config)).toBe(config);
  });

  it('binds no dead-letter queue when none is configured', () => {
    const { deadLetterQueue: _, ...names } = defaultAwsResourceNames;
    const container = new Container();
    container.load(awsAdapters({ region: 'us-east-1', names }, clients()));
    expect(container.isBound(Tokens.DeadLetterQueue)).toBe(false);
  });

  it('keeps a Clock and Logger bound before it', () => {
    const clock: Clock = { now: () => new Date(0), sleep: async () => {} };
    const logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
    const container = new Container();
    container.bind(Tokens.Clock).toConstantValue(clock);
    container.bind(Tokens.Logger).toConstantValue(logger);
    container.load(awsAdapters(config, clients()));
    expect(container.get(Tokens.Clock)).toBe(clock);
    expect(container.get(Tokens.Logger)).toBe(logger);
  });

  it('creates clients for the region when none are given', async () => {
    const container = new Container();
    container.load(awsAdapters({ ...config, region: 'eu-central-1' }));
    const s3 = container.get<S3Client>(AwsTokens.S3Client);
    expect(s3).toBeInstanceOf(S3Client);
    expect(await s3.config.region()).toBe('eu-central-1');
    expect(container.get(AwsTokens.SqsClient)).toBeInstanceOf(SQSClient);
    s3.destroy();
  });
});

describe("each service's module", () => {
  const portsOf = (container: Container) =>
    [Tokens.ObjectStore, Tokens.UploadPresigner, Tokens.JobQueue, Tokens.DeadLetterQueue, Tokens.ResultPublisher, Tokens.ResultStore, Tokens.CounterStore, Tokens.ClaimStore, Tokens.Mailer, Tokens.Metrics]
      .filter((token) => container.isBound(token))
      .map((token) => token.description);

  it('binds only the ports of its own service, over the client given', () => {
    const given = clients();
    const cases = [
      [s3Adapters(config, given), ['wordfreq.ObjectStore', 'wordfreq.UploadPresigner'], AwsTokens.S3Client, given.s3],
      [sqsAdapters(config, given), ['wordfreq.JobQueue', 'wordfreq.DeadLetterQueue', 'wordfreq.ResultPublisher'], AwsTokens.SqsClient, given.sqs],
      [dynamodbAdapters(config, given), ['wordfreq.ResultStore', 'wordfreq.CounterStore', 'wordfreq.ClaimStore'], AwsTokens.DynamoDbClient, given.dynamodb],
      [sesAdapters(config, given), ['wordfreq.Mailer'], AwsTokens.SesClient, given.ses],
    ] as const;
    for (const [module, ports, clientToken, client] of cases) {
      const container = new Container();
      container.load(module);
      expect(portsOf(container)).toEqual(ports);
      expect(container.get(clientToken)).toBe(client);
    }
  });

  it('makes its client for the region when none is given', async () => {
    const container = new Container();
    container.load(dynamodbAdapters({ ...config, region: 'eu-west-3' }));
    const dynamodb = container.get<DynamoDBClient>(AwsTokens.DynamoDbClient);
    expect(await dynamodb.config.region()).toBe('eu-west-3');
    expect(container.get(Tokens.CounterStore)).toBeInstanceOf(DynamoCounterStore);
    dynamodb.destroy();
  });
});
