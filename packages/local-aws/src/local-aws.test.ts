import { spawn } from 'node:child_process';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { parseJobMessage } from '@wordfreq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from './local-aws.js';
import { localAwsNames } from './local-layout.js';

let local: LocalAws;

// All four emulators, DynamoDB Local's JVM among them: on a busy machine that takes more than the
// default 10 s hook timeout.
beforeAll(async () => {
  local = await startLocalAws();
}, 120_000); // DynamoDB Local's JVM takes longer than vitest's 10 s default on a loaded 2-core machine

afterAll(async () => {
  await local?.stop();
});

describe('startLocalAws (npm run local)', () => {
  it('creates the default tables with their keys, the counters table with a stream', async () => {
    const describe = (name: string) => local.aws.clients.dynamodb.send(new DescribeTableCommand({ TableName: name }));
    expect((await describe(localAwsNames.resultsTable)).Table?.KeySchema).toEqual([{ AttributeName: 'Filename', KeyType: 'HASH' }]);
    expect((await describe(localAwsNames.countersTable)).Table?.StreamSpecification).toMatchObject({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect((await describe(localAwsNames.claimsTable)).Table?.KeySchema).toEqual([{ AttributeName: 'Threshold', KeyType: 'HASH' }]);
  });

  it('turns an upload into a job on the jobs queue named in its environment', async () => {
    await local.aws.clients.s3.send(new PutObjectCommand({ Bucket: local.env.WORDFREQ_BUCKET, Key: 'my notes.txt', Body: 'some words' }));
    await local.uploads.drain();
    const { Messages } = await local.aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: local.env.WORKER_QUEUE_URL, WaitTimeSeconds: 2 }));
    expect(parseJobMessage(Messages?.[0]?.Body ?? '')).toEqual([{ bucket: localAwsNames.bucket, key: 'my notes.txt' }]);
  });

  it('exports everything a child process needs, and only loopback endpoints', () => {
    expect(local.env).toMatchObject({ AWS_REGION: 'us-east-1', WORDFREQ_RESULTS_TABLE: 'wordfreq', WORKER_RESULT_TABLENAME: 'wordfreq' });
    expect(local.env.WORDFREQ_JOB_QUEUE).toBe(local.queueUrls.jobQueue);
    for (const [name, value] of Object.entries(local.env)) {
      if (name.startsWith('AWS_ENDPOINT_URL') || name.endsWith('_URL') || /QUEUE$/.test(name)) expect(value, name).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    }
  });
});

describe('npm run local (dist/local.js)', () => {
  it('prints export lines, then stops everything on SIGINT', { timeout: 120_000 }, async () => {
    const script = new URL('../dist/local.js', import.meta.url);
    // MYTRAVEL_PORT=0: the forum it also serves takes any free port, not 8080, which may be taken.
    const child = spawn(process.execPath, [script.pathname], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MYTRAVEL_PORT: '0' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Ctrl-C to stop')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`npm run local exited early (${code}): ${stderr}`)));
    });
    const sqsEndpoint = /export AWS_ENDPOINT_URL_SQS=(\S+)/.exec(stdout)?.[1];
    const dynamoEndpoint = /export AWS_ENDPOINT_URL_DYNAMODB=(\S+)/.exec(stdout)?.[1];
    expect(sqsEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout).toMatch(/export WORDFREQ_JOB_QUEUE=http:\/\/127\.0\.0\.1:\d+\/123456789012\/wordfreq-jobs/);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // Both the in-process SQS server and the DynamoDB Local JVM are gone.
    await expect(fetch(sqsEndpoint!)).rejects.toThrow();
    await expect(fetch(dynamoEndpoint!)).rejects.toThrow();
  });
});
