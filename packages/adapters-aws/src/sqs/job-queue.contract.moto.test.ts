import { setTimeout as sleep } from 'node:timers/promises';
import { describeJobQueueContract } from '@wordfreq/testing';
import { startMotoAws, type MotoAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll } from 'vitest';
import { SqsJobQueue } from './sqs-job-queue.js';

let aws: MotoAws;

beforeAll(async () => {
  aws = await startMotoAws();
});

afterAll(async () => {
  await aws?.stop();
});

// The same contract as on local-aws-sqs, on moto's SQS with no shim: depth, long polls, visibility
// changes and stale deletes are moto's, not our model of SQS.
describeJobQueueContract('SqsJobQueue on moto', async () => {
  const created = await aws.createQueue({ prefix: 'contract', maxReceiveCount: 2 });
  return {
    queue: new SqsJobQueue(aws.clients.sqs, { queue: created.url, deadLetterQueue: created.deadLetter!.url }),
    deadLetters: new SqsJobQueue(aws.clients.sqs, { queue: created.deadLetter!.url }),
    maxReceiveCount: 2,
    elapse: (ms) => sleep(ms),
    async dispose() {},
  };
});
