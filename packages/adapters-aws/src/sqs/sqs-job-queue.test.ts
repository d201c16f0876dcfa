import { ConflictError, type Delivery } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsJobQueue } from './sqs-job-queue.js';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['sqs'] });
});

afterAll(async () => {
  await aws?.stop();
});

/** A fresh queue with a dead-letter queue (redrive after `maxReceiveCount`) and the adapter on both. */
async function queuePair(maxReceiveCount = 3) {
  const created = await aws.createQueue({ prefix: 'jobs', maxReceiveCount });
  return {
    queue: new SqsJobQueue(aws.clients.sqs, { queue: created.url, deadLetterQueue: created.deadLetter!.url }),
    deadLetters: new SqsJobQueue(aws.clients.sqs, { queue: created.deadLetter!.url }),
    created,
  };
}

const once = { max: 10, waitSeconds: 1, visibilitySeconds: 30 };

async function receiveOne(queue: SqsJobQueue, visibilitySeconds = 30): Promise<Delivery> {
  const [delivery, ...rest] = await queue.receive({ max: 1, waitSeconds: 2, visibilitySeconds });
  expect(rest).toEqual([]);
  if (delivery === undefined) throw new Error('expected a message');
  return delivery;
}

describe('SqsJobQueue on local-aws-sqs', () => {
  it('sends and receives bodies and attributes, counting the first delivery as 1', async () => {
    const { queue } = await queuePair();
    const id = await queue.send('{"bucket":"b","key":"k"}', { origin: 'test', note: 'ünïcødé ✓' });
    const delivery = await receiveOne(queue);
    expect(delivery).toMatchObject({ id, body: '{"bucket":"b","key":"k"}', receiveCount: 1, attributes: { origin: 'test', note: 'ünïcødé ✓' } });
    expect(delivery.handle).not.toBe('');
  });

  it('finds a queue configured by name', async () => {
    const created = await aws.createQueue({ prefix: 'byname', maxReceiveCount: null });
    const queue = new SqsJobQueue(aws.clients.sqs, { queue: created.name });
    await queue.send('hello');
    expect((await receiveOne(queue)).body).toBe('hello');
  });

  it('receives in batches of up to ten', async () => {
    const { queue } = await queuePair();
    for (let i = 0; i < 12; i++) await queue.send(`m${i}`);
    const first = await queue.receive(once);
    expect(first).toHaveLength(10);
    const rest = await queue.receive(once);
    expect(rest).toHaveLength(2);
    expect(new Set([...first, ...rest].map((d) => d.body)).size).toBe(12);
  });

  it('acks one or many deliveries for good', async () => {
    const { queue } = await queuePair();
    for (let i = 0; i < 13; i++) await queue.send(`m${i}`);
    const deliveries = [...(await queue.receive(once)), ...(await queue.receive(once))];
    await queue.ack(deliveries[0]!);
    await queue.ackBatch(deliveries.slice(1));
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('redelivers after the visibility timeout with receiveCount 2', async () => {
    const { queue } = await queuePair();
    const id = await queue.send('again');
    expect((await receiveOne(queue, 1)).receiveCount).toBe(1);
    const second = await receiveOne(queue, 30);
    expect(second).toMatchObject({ id, body: 'again', receiveCount: 2 });
  });

  it('release makes a delivery visible at once; extend keeps it hidden', async () => {
    const { queue } = await queuePair();
    await queue.send('released');
    const first = await receiveOne(queue);
    await queue.extend(first, 60);
    expect(await queue.receive({ max: 1, waitSeconds: 0, visibilitySeconds: 30 })).toEqual([]);
    await queue.release(first);
    const again = await receiveOne(queue);
    expect(again).toMatchObject({ id: first.id, receiveCount: 2 });
  });

  it('refuses to extend or release a delivery that is no longer in flight under its handle', async () => {
    const { queue } = await queuePair();
    await queue.send('contended');
    const first = await receiveOne(queue);
    await queue.release(first);
    await expect(queue.release(first)).rejects.toBeInstanceOf(ConflictError);
    const second = await receiveOne(queue);
    await expect(queue.extend(first, 30)).rejects.toBeInstanceOf(ConflictError);
    // Acking with the old handle succeeds without deleting, as SQS documents; the new handle deletes.
    await queue.ack(first);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 1 });
    await queue.ack(second);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('dead-letters a delivery with its reason and removes it from the queue', async () => {
    const { queue, deadLetters } = await queuePair();
    await queue.send('not json', { origin: 'upload' });
    const delivery = await receiveOne(queue);
    await queue.deadLetter(delivery, 'BAD_MESSAGE: message body is not JSON');
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
    const dead = await receiveOne(deadLetters);
    expect(dead).toMatchObject({ body: 'not json', attributes: { origin: 'upload', reason: 'BAD_MESSAGE: message body is not JSON' } });
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives (redrive)', async () => {
    const { queue, deadLetters } = await queuePair(2);
    await queue.send('poison');
    for (let receive = 1; receive <= 2; receive++) {
      const delivery = await receiveOne(queue);
      expect(delivery.receiveCount).toBe(receive);
      await queue.extend(delivery, 30);
      await queue.release(delivery);
    }
    expect(await queue.receive({ max: 1, waitSeconds: 1, visibilitySeconds: 30 })).toEqual([]);
    expect((await receiveOne(deadLetters)).body).toBe('poison');
  });

  it('reports depth as visible and in flight', async () => {
    const { queue } = await queuePair();
    for (const body of ['a', 'b', 'c']) await queue.send(body);
    await receiveOne(queue);
    expect(await queue.depth()).toEqual({ visible: 2, inFlight: 1 });
  });

  it('checks its arguments before calling SQS', async () => {
    const { queue } = await queuePair();
    await expect(queue.receive({ max: 11, waitSeconds: 0, visibilitySeconds: 30 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/max .* 1 to 10, got 11/) });
    await expect(queue.receive({ max: 1, waitSeconds: 21, visibilitySeconds: 30 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(queue.send('')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(queue.send('x', { 'aws.reserved': 'v' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    // The core's limits, shared with the memory queue: characters and size are refused before a request.
    await expect(queue.send('bell \u0007 here')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('U+0007 at index 5') });
    await expect(queue.send('x'.repeat(1_048_577))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('1048576') });
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('says so when dead-lettering without a dead-letter queue', async () => {
    const created = await aws.createQueue({ prefix: 'nodlq', maxReceiveCount: null });
    const queue = new SqsJobQueue(aws.clients.sqs, { queue: created.url });
    await queue.send('x');
    await expect(queue.deadLetter(await receiveOne(queue), 'why')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/no dead-letter queue/) });
  });

  it('reports a missing queue as a configuration problem', async () => {
    const queue = new SqsJobQueue(aws.clients.sqs, { queue: 'no-such-queue' });
    await expect(queue.send('x')).rejects.toMatchObject({ code: 'CONFIG', message: expect.stringMatching(/no-such-queue does not exist/) });
  });
});

describe('SqsJobQueue.ackMany', () => {
  it('deletes a batch on local-aws-sqs, and returns an entry SQS refuses without failing the others', async () => {
    const { queue } = await queuePair();
    for (let i = 0; i < 3; i += 1) await queue.send(`job ${i}`);
    const deliveries: Delivery[] = [];
    while (deliveries.length < 3) deliveries.push(...(await queue.receive({ max: 10, waitSeconds: 1, visibilitySeconds: 2 })));
    const forged = { ...deliveries[0]!, handle: 'not-a-receipt-handle' };
    const failed = await queue.ackMany([forged, deliveries[1]!, deliveries[2]!]);
    expect(failed.map((f) => f.delivery)).toEqual([forged]);
    expect(String(failed[0]!.error)).toMatch(new RegExp(`refused message ${deliveries[0]!.id}`));
    // Only the refused one comes back once its visibility ends.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const again = await queue.receive({ max: 10, waitSeconds: 1, visibilitySeconds: 30 });
    expect(again.map((d) => d.id)).toEqual([deliveries[0]!.id]);
  });
});
