import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { parseJobMessage, type JobQueue, type ObjectStore, type CounterStore, type ResultStore } from '@wordfreq/core';
import { Tokens } from '@wordfreq/core/di';
import { startEmulatedAws, uniqueName, type EmulatedAws } from '@wordfreq/local-aws';
import { Container } from 'inversify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsAdapters } from './aws-adapters.module.js';
import type { AwsResourceNames } from './shared/aws-config.js';
import { ensureInfrastructure } from './ensure-infrastructure.js';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['s3', 'sqs', 'dynamodb'] });
});

afterAll(async () => {
  await aws?.stop();
});

function uniqueNames(): AwsResourceNames {
  const base = uniqueName('infra');
  return {
    bucket: `${base}-uploads`,
    backupBucket: `${base}-backup`,
    jobQueue: `${base}-jobs`,
    deadLetterQueue: `${base}-jobs-dlq`,
    resultsQueue: `${base}-results`,
    resultsTable: `${base}-wordfreq`,
    countersTable: `${base}-visits`,
    claimsTable: `${base}-milestones`,
  };
}

describe('ensureInfrastructure on the emulators', () => {
  it('creates everything once and accepts it all on a second run', async () => {
    const names = uniqueNames();
    const first = await ensureInfrastructure(aws.clients, names, { maxReceiveCount: 2, visibilitySeconds: 30 });
    const second = await ensureInfrastructure(aws.clients, names, { maxReceiveCount: 2, visibilitySeconds: 30 });
    expect(second).toEqual(first);
    expect(first.jobQueueUrl).toMatch(new RegExp(`/${names.jobQueue}$`));
    expect(first.deadLetterQueueUrl).toMatch(new RegExp(`/${names.deadLetterQueue}$`));
    expect(first.countersStreamArn).toMatch(/stream/);
  });

  it('leaves a system the AWS adapters run on: upload, job, redrive, result, visits', async () => {
    const names = uniqueNames();
    await ensureInfrastructure(aws.clients, names, { maxReceiveCount: 2 });
    const container = new Container();
    const { s3, sqs, dynamodb } = aws.clients;
    container.load(awsAdapters({ region: 'us-east-1', names }, { s3, sqs, dynamodb }));

    const store = container.get<ObjectStore>(Tokens.ObjectStore);
    await store.put({ bucket: names.bucket, key: 'war and peace.txt' }, 'it was the best of times');
    await store.copy({ bucket: names.bucket, key: 'war and peace.txt' }, { bucket: names.backupBucket, key: 'war and peace.txt' });

    const jobs = container.get<JobQueue>(Tokens.JobQueue);
    await jobs.send(JSON.stringify({ bucket: names.bucket, key: 'war and peace.txt' }));
    const [delivery] = await jobs.receive({ max: 1, waitSeconds: 2, visibilitySeconds: 30 });
    expect(parseJobMessage(delivery!.body)).toEqual([{ bucket: names.bucket, key: 'war and peace.txt' }]);
    await jobs.deadLetter(delivery!, 'testing the dead-letter queue');
    const [dead] = await container.get<JobQueue>(Tokens.DeadLetterQueue).receive({ max: 1, waitSeconds: 2, visibilitySeconds: 30 });
    expect(dead?.attributes.reason).toBe('testing the dead-letter queue');

    const results = container.get<ResultStore>(Tokens.ResultStore);
    expect(await results.get(`${names.bucket}/war and peace.txt`)).toBeUndefined();
    expect(await container.get<CounterStore>(Tokens.CounterStore).increment('/home')).toMatchObject({ totalAfter: 1 });
  });

  it('refuses an existing table whose key does not fit, naming both schemas', async () => {
    const names = uniqueNames();
    await aws.clients.dynamodb.send(
      new CreateTableCommand({
        TableName: names.resultsTable,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    await expect(ensureInfrastructure(aws.clients, names)).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringMatching(new RegExp(`"${names.resultsTable}" exists with key schema .*"id".*needs .*"Filename"`)),
    });
  });
});
