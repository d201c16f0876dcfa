import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordFreqError, type Delivery } from '@wordfreq/core';
import { expectWordFreqError } from '@wordfreq/testing';
import { settle } from './contract-fixtures.test-support.js';
import { ManualClock } from './manual-clock.js';
import { MemoryJobQueue } from './memory-job-queue.js';

function queues(maxReceiveCount = 3) {
  const clock = new ManualClock();
  const deadLetters = new MemoryJobQueue({ name: 'dlq', clock });
  const queue = new MemoryJobQueue({ name: 'jobs', clock, deadLetterQueue: deadLetters, maxReceiveCount });
  return { clock, queue, deadLetters };
}

const receive = (queue: MemoryJobQueue, visibilitySeconds = 10, max = 10) => queue.receive({ max, waitSeconds: 0, visibilitySeconds });

describe('MemoryJobQueue', () => {
  it('ignores an ack with a stale handle, as SQS may: the redelivered message stays', async () => {
    const { clock, queue } = queues();
    await queue.send('job');
    const [first] = await receive(queue, 1);
    clock.advance(1000);
    const [second] = await receive(queue, 30);
    await queue.ack(first);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 1 });
    await queue.ack(second);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
    await queue.ack(second); // already deleted: still fine
  });

  it('accepts an ack with the latest handle even after the visibility expired', async () => {
    const { clock, queue } = queues();
    await queue.send('job');
    const [delivery] = await receive(queue, 1);
    clock.advance(5000);
    await queue.ack(delivery);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('refuses extend and release for a delivery that is no longer in flight with CONFLICT', async () => {
    const { clock, queue } = queues();
    await queue.send('job');
    const [first] = await receive(queue, 1);
    clock.advance(1000);
    await expectWordFreqError(queue.extend(first, 30), 'CONFLICT', 'no longer in flight');
    await expectWordFreqError(queue.release(first), 'CONFLICT', first.id);
    const [second] = await receive(queue, 30);
    await expectWordFreqError(queue.extend(first, 30), 'CONFLICT');
    await queue.ack(second);
    await expectWordFreqError(queue.release(second), 'CONFLICT');
  });

  it('refuses handles from another queue with BAD_INPUT', async () => {
    const { queue, deadLetters } = queues();
    await deadLetters.send('elsewhere');
    const [foreign] = await receive(deadLetters);
    await expectWordFreqError(queue.ack(foreign), 'BAD_INPUT', 'does not belong to queue jobs');
    await expectWordFreqError(queue.ack({ ...foreign, handle: 'forged' }), 'BAD_INPUT');
  });

  it('applies SQS limits to receives and messages', async () => {
    const { queue } = queues();
    await expectWordFreqError(queue.receive({ max: 11, waitSeconds: 0, visibilitySeconds: 1 }), 'BAD_INPUT', 'max', 'from 1 to 10');
    await expectWordFreqError(queue.receive({ max: 1, waitSeconds: 21, visibilitySeconds: 1 }), 'BAD_INPUT', 'waitSeconds');
    await expectWordFreqError(queue.receive({ max: 1, waitSeconds: 0, visibilitySeconds: 43_201 }), 'BAD_INPUT', 'visibilitySeconds');
    await expectWordFreqError(queue.send(''), 'BAD_INPUT', 'non-empty');
    await expectWordFreqError(queue.send('bell \u0007 here'), 'BAD_INPUT', 'U+0007 at index 5');
    await expectWordFreqError(queue.send('x'.repeat(1_048_577)), 'BAD_INPUT', '1048576');
    await expectWordFreqError(queue.send('x', { 'aws.trace': 'v' }), 'BAD_INPUT', 'aws.trace');
    await expectWordFreqError(queue.send('x', Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, 'v']))), 'BAD_INPUT', '11 attributes');
    await expectWordFreqError(queue.extend({ id: 'x', body: 'x', receiveCount: 1, attributes: {}, handle: 'jobs#x#1#y' }, -1), 'BAD_INPUT');
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('refuses a redrive policy with half its settings', () => {
    expect(() => new MemoryJobQueue({ name: 'q', maxReceiveCount: 3 })).toThrow(/needs both/);
    expect(() => new MemoryJobQueue({ name: 'bad name' })).toThrow(/queue name/);
  });

  it('redrives on the receive that would exceed maxReceiveCount, keeping id and attributes', async () => {
    const { clock, queue, deadLetters } = queues(2);
    const id = await queue.send('poison', { kind: 'job' });
    for (let i = 0; i < 2; i += 1) {
      await receive(queue, 1);
      clock.advance(1000);
    }
    // Until someone receives, the message is still visible on the source queue, as on SQS.
    expect(await queue.depth()).toEqual({ visible: 1, inFlight: 0 });
    expect(await receive(queue)).toEqual([]);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
    const [dead] = await receive(deadLetters);
    expect(dead).toMatchObject({ id, body: 'poison', attributes: { kind: 'job' }, receiveCount: 1 });
  });

  it('delivers behind a redriven message in the same receive', async () => {
    const { clock, queue, deadLetters } = queues(1);
    await queue.send('poison');
    await receive(queue, 1);
    clock.advance(1000);
    await queue.send('fine');
    expect((await receive(queue)).map((d) => d.body)).toEqual(['fine']);
    expect((await receive(deadLetters)).map((d) => d.body)).toEqual(['poison']);
  });

  it('refuses deadLetter without a dead-letter queue, naming the queue', async () => {
    const queue = new MemoryJobQueue({ name: 'plain', clock: new ManualClock() });
    await queue.send('x');
    const [delivery] = await receive(queue);
    await expectWordFreqError(queue.deadLetter(delivery, 'why'), 'BAD_INPUT', 'plain has no dead-letter queue');
  });

  it('wakes a long poll when an in-flight message becomes visible again', async () => {
    const { clock, queue } = queues();
    await queue.send('job');
    await receive(queue, 2);
    const polling = queue.receive({ max: 1, waitSeconds: 20, visibilitySeconds: 5 });
    await settle();
    expect(queue.waitingReceives).toBe(1);
    clock.advance(2000);
    const [again] = await polling;
    expect(again).toMatchObject({ body: 'job', receiveCount: 2 });
    expect(queue.waitingReceives).toBe(0);
  });

  it('ends an empty long poll at its wait time, and close() ends waiting polls at once', async () => {
    const { clock, queue } = queues();
    const polling = queue.receive({ max: 1, waitSeconds: 5, visibilitySeconds: 5 });
    await settle();
    clock.advance(4999);
    await settle();
    expect(queue.waitingReceives).toBe(1);
    clock.advance(1);
    expect(await polling).toEqual([]);

    const parked = queue.receive({ max: 1, waitSeconds: 20, visibilitySeconds: 5 });
    await settle();
    queue.close();
    expect(await parked).toEqual([]);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('gives one message to exactly one of several waiting long polls', async () => {
    const { queue } = queues();
    const polls = [1, 2, 3].map(() => queue.receive({ max: 1, waitSeconds: 20, visibilitySeconds: 5 }));
    await settle();
    await queue.send('only one');
    await settle();
    queue.close();
    const results = await Promise.all(polls);
    expect(results.flat().map((d) => d.body)).toEqual(['only one']);
  });

  it('never hands out a message twice while in flight, counts receives one by one, and loses nothing', async () => {
    type Op =
      | { kind: 'send' }
      | { kind: 'receive'; max: number; visibility: number }
      | { kind: 'ack' | 'release'; pick: number }
      | { kind: 'extend'; pick: number; seconds: number }
      | { kind: 'advance'; ms: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { arbitrary: fc.constant<Op>({ kind: 'send' }), weight: 2 },
      {
        arbitrary: fc.record({ kind: fc.constant('receive' as const), max: fc.integer({ min: 1, max: 3 }), visibility: fc.integer({ min: 0, max: 3 }) }),
        weight: 4,
      },
      { arbitrary: fc.record({ kind: fc.constantFrom('ack' as const, 'release' as const), pick: fc.nat() }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('extend' as const), pick: fc.nat(), seconds: fc.integer({ min: 0, max: 3 }) }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 2500 }) }), weight: 4 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 80, size: 'max' }), fc.integer({ min: 1, max: 4 }), async (ops, maxReceiveCount) => {
        const { clock, queue, deadLetters } = queues(maxReceiveCount);
        const now = () => clock.now().getTime();
        const held = new Map<string, { handle: string; until: number }>();
        const counts = new Map<string, number>();
        const deleted = new Set<string>();
        const redriven = new Set<string>();
        const deliveries: Delivery[] = [];
        let sent = 0;
        for (const step of ops) {
          if (step.kind === 'send') {
            await queue.send(`m${sent}`);
            sent += 1;
          } else if (step.kind === 'receive') {
            for (const d of await queue.receive({ max: step.max, waitSeconds: 0, visibilitySeconds: step.visibility })) {
              const lease = held.get(d.id);
              expect(lease === undefined || now() >= lease.until, 'delivered while in flight').toBe(true);
              expect(d.receiveCount).toBe((counts.get(d.id) ?? 0) + 1);
              expect(d.receiveCount).toBeLessThanOrEqual(maxReceiveCount);
              counts.set(d.id, d.receiveCount);
              held.set(d.id, { handle: d.handle, until: now() + step.visibility * 1000 });
              deliveries.push(d);
            }
          } else if (step.kind === 'advance') {
            clock.advance(step.ms);
          } else if (deliveries.length > 0) {
            const d = deliveries[step.pick % deliveries.length];
            const lease = held.get(d.id)!;
            const current = lease.handle === d.handle && !deleted.has(d.id) && !redriven.has(d.id);
            if (step.kind === 'ack') {
              await queue.ack(d);
              if (current) deleted.add(d.id);
            } else {
              const action =
                step.kind === 'release' ? queue.release(d) : queue.extend(d, (step as { seconds: number }).seconds);
              if (current && now() < lease.until) {
                await action;
                lease.until = step.kind === 'release' ? now() : now() + (step as { seconds: number }).seconds * 1000;
              } else {
                const error = await action.catch((e: unknown) => e);
                expect(WordFreqError.hasCode(error, 'CONFLICT')).toBe(true);
              }
            }
          }
          // Hold every dead letter (they never come back), so the model knows what left by redrive.
          for (const dead of await deadLetters.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 43_200 })) {
            expect(counts.get(dead.id)).toBe(maxReceiveCount);
            redriven.add(dead.id);
          }
          const depth = await queue.depth();
          expect(depth.visible + depth.inFlight + redriven.size + deleted.size).toBe(sent);
          expect(await deadLetters.depth()).toEqual({ visible: 0, inFlight: redriven.size });
          const leased = [...held].filter(([id, lease]) => !deleted.has(id) && !redriven.has(id) && lease.until > now()).length;
          expect(depth.inFlight).toBe(leased);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('MemoryJobQueue.ackMany', () => {
  it('acks each entry on its own, as DeleteMessageBatch: a foreign handle fails that entry only; more than 10 is refused', async () => {
    const { queue, deadLetters, clock } = queues();
    await queue.send('a');
    await queue.send('b');
    await deadLetters.send('elsewhere');
    const mine = await receive(queue);
    const [foreign] = await receive(deadLetters);
    const failed = await queue.ackMany([mine[0]!, foreign!, mine[1]!]);
    expect(failed.map((f) => f.delivery)).toEqual([foreign]);
    expect(WordFreqError.hasCode(failed[0]!.error, 'BAD_INPUT')).toBe(true);
    clock.advance(60_000);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
    await expectWordFreqError(queue.ackMany(Array.from({ length: 11 }, () => mine[0]!)), 'BAD_INPUT', 'at most 10');
  });
});
