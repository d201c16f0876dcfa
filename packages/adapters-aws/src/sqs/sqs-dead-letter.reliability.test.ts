import { sqsLimits } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsJobQueue } from './sqs-job-queue.js';

// Issue 11, finding 8: a dead-letter copy that SQS would refuse lost its reason.

let aws: EmulatedAws;
beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['sqs'] });
});
afterAll(async () => {
  await aws?.stop();
});

async function queues() {
  const created = await aws.createQueue({ prefix: 'jobs', maxReceiveCount: 5 });
  return {
    queue: new SqsJobQueue(aws.clients.sqs, { queue: created.url, deadLetterQueue: created.deadLetter!.url }),
    deadLetters: new SqsJobQueue(aws.clients.sqs, { queue: created.deadLetter!.url }),
  };
}

const receiveOne = async (queue: SqsJobQueue) => (await queue.receive({ max: 1, waitSeconds: 1, visibilitySeconds: 30 }))[0]!;

describe('SqsJobQueue.deadLetter keeps the reason (local-aws-sqs)', () => {
  it('sends a copy of a message with 10 attributes and a body near 1 MiB, reason attached and the cut named', async () => {
    const { queue, deadLetters } = await queues();
    const attributes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a${i}`, `v${i}`]));
    // 10 attributes of 10 bytes each (name, value, type): the original is exactly 1 MiB.
    const body = 'x'.repeat(sqsLimits.maxMessageBytes - 100);
    await queue.send(body, attributes);
    const delivery = await receiveOne(queue);
    await queue.deadLetter(delivery, 'BAD_MESSAGE: message body is not JSON');
    const copy = await receiveOne(deadLetters);
    expect(copy.attributes.reason).toBe('BAD_MESSAGE: message body is not JSON');
    expect(copy.attributes.trimmed).toBe(`attributes:a8,a9;body:${body.length}`);
    expect(copy.body.length).toBeLessThan(body.length);
    expect(body.startsWith(copy.body)).toBe(true);
    expect(Object.keys(copy.attributes).sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'reason', 'trimmed']);
    expect(await queue.depth()).toMatchObject({ visible: 0 });
  });
});
