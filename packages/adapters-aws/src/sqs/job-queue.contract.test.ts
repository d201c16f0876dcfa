import { setTimeout as sleep } from 'node:timers/promises';
import { describeJobQueueContract } from '@wordfreq/testing';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll } from 'vitest';
import { SqsJobQueue } from './sqs-job-queue.js';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['sqs'] });
});

afterAll(async () => {
  await aws?.stop();
});

// Real time: the emulator's visibility timeouts are real timers, so `elapse` sleeps.
describeJobQueueContract('SqsJobQueue on local-aws-sqs', async () => {
  const created = await aws.createQueue({ prefix: 'contract', maxReceiveCount: 2 });
  return {
    queue: new SqsJobQueue(aws.clients.sqs, { queue: created.url, deadLetterQueue: created.deadLetter!.url }),
    deadLetters: new SqsJobQueue(aws.clients.sqs, { queue: created.deadLetter!.url }),
    maxReceiveCount: 2,
    elapse: (ms) => sleep(ms),
    async dispose() {},
  };
});
