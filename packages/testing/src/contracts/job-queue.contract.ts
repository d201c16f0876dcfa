import { describe, expect, it } from 'vitest';
import type { Delivery, JobQueue } from '@wordfreq/core';
import { freshFixturePerTest, pause } from './contract-helpers.js';

/**
 * A queue's depth as it settles: SQS's counts are approximate (a message just sent or acked may be
 * counted a moment later; local-aws-sqs makes a sent message visible on a timer), so read them again
 * until they match, for a few seconds at most.
 */
function expectDepth(queue: JobQueue) {
  return expect.poll(() => queue.depth(), { timeout: 5000, interval: 50 });
}

export interface JobQueueFixture {
  /** An empty queue whose redrive policy sends to `deadLetters` after `maxReceiveCount` receives. */
  readonly queue: JobQueue;
  /** The (empty) dead-letter queue of `queue`. */
  readonly deadLetters: JobQueue;
  /** At least 2. */
  readonly maxReceiveCount: number;
  /**
   * Lets `ms` of queue time pass: a real sleep for services on real time, `advance` for a manual
   * clock (then also yield to the event loop so woken receives run).
   */
  elapse(ms: number): Promise<void>;
  dispose(): Promise<void>;
}

export interface JobQueueContractOptions {
  /** Visibility timeout of the tests' receives; keep it short for real-time services. Default 1. */
  readonly visibilitySeconds?: number;
  /** Extra time waited past a visibility timeout before expecting redelivery. Default 500 ms. */
  readonly marginMs?: number;
  /** Per-test timeout; default 60 s. */
  readonly testTimeoutMs?: number;
  readonly hookTimeoutMs?: number;
}

/**
 * JobQueue behaviour every adapter must show (SQS standard-queue semantics). Written so it holds on
 * SQS, on local-aws-sqs (which moves messages to the dead-letter queue when their visibility expires
 * rather than on the next receive) and in memory under a manual clock: no assertion depends on how
 * long anything took, and "no message" is checked with a short poll.
 */
export function describeJobQueueContract(
  name: string,
  make: () => Promise<JobQueueFixture>,
  options: JobQueueContractOptions = {},
): void {
  const visibilitySeconds = options.visibilitySeconds ?? 1;
  const margin = options.marginMs ?? 500;
  const untilVisibleAgain = visibilitySeconds * 1000 + margin;
  const timeout = options.testTimeoutMs ?? 60_000;

  describe(`JobQueue contract: ${name}`, () => {
    let f: JobQueueFixture;
    freshFixturePerTest(make, (made) => (f = made), {
      ...options,
      check: (made) => expect(made.maxReceiveCount, 'the fixture must allow at least 2 receives before redrive').toBeGreaterThanOrEqual(2),
    });

    /** One message, long-polling so a message that is there is not missed. */
    async function receiveOne(queue: JobQueue, visibility = visibilitySeconds): Promise<Delivery> {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const [delivery, ...rest] = await queue.receive({ max: 1, waitSeconds: 2, visibilitySeconds: visibility });
        expect(rest).toEqual([]);
        if (delivery) return delivery;
      }
      throw new Error('expected a message, but three long polls came back empty');
    }

    async function expectNoMessage(queue: JobQueue): Promise<void> {
      expect(await queue.receive({ max: 10, waitSeconds: 0, visibilitySeconds })).toEqual([]);
    }

    it(
      'round-trips body and attributes, and ack deletes the message for good',
      async () => {
        const body = JSON.stringify({ bucket: 'uploads', key: 'ünïcödé + space.txt' });
        const id = await f.queue.send(body, { kind: 'job', 'trace-id': 'abc-123' });
        expect(id).toEqual(expect.any(String));

        const delivery = await receiveOne(f.queue);
        expect(delivery).toMatchObject({ id, body, receiveCount: 1, attributes: { kind: 'job', 'trace-id': 'abc-123' } });
        expect(delivery.handle).toEqual(expect.any(String));
        await f.queue.ack(delivery);

        await f.elapse(untilVisibleAgain);
        await expectNoMessage(f.queue);
        await expectDepth(f.queue).toEqual({ visible: 0, inFlight: 0 });
      },
      timeout,
    );

    it(
      'hides a received message until its visibility expires, then redelivers it with receiveCount 2',
      async () => {
        const id = await f.queue.send('redeliver me');
        const first = await receiveOne(f.queue);
        expect(first).toMatchObject({ id, receiveCount: 1 });
        await expectNoMessage(f.queue);

        await f.elapse(untilVisibleAgain);
        const second = await receiveOne(f.queue);
        expect(second).toMatchObject({ id, body: 'redeliver me', receiveCount: 2 });
        expect(second.handle).not.toBe(first.handle);
        await f.queue.ack(second);
        await expectDepth(f.queue).toEqual({ visible: 0, inFlight: 0 });
      },
      timeout,
    );

    it(
      'moves a message to the dead-letter queue after maxReceiveCount receives',
      async () => {
        await f.queue.send('poison', { kind: 'job' });
        for (let count = 1; count <= f.maxReceiveCount; count += 1) {
          expect(await receiveOne(f.queue)).toMatchObject({ body: 'poison', receiveCount: count });
          await f.elapse(untilVisibleAgain);
        }
        // The receive that would exceed maxReceiveCount gets nothing: the message is redriven instead.
        await expectNoMessage(f.queue);
        const dead = await receiveOne(f.deadLetters);
        expect(dead).toMatchObject({ body: 'poison', attributes: { kind: 'job' } });
        await f.deadLetters.ack(dead);
        await expectDepth(f.queue).toEqual({ visible: 0, inFlight: 0 });
      },
      timeout,
    );

    it(
      'release makes a message visible again at once',
      async () => {
        const id = await f.queue.send('release me');
        // A long visibility, so only the release can bring the message back within this test.
        const first = await receiveOne(f.queue, 600);
        await f.queue.release(first);
        // One receive of at most a second: a release that left the message hidden for a few
        // seconds would pass a test that waits through long polls, not this one.
        const [second] = await f.queue.receive({ max: 1, waitSeconds: 1, visibilitySeconds });
        expect(second, 'the released message was not visible within a 1 s receive').toBeDefined();
        expect(second).toMatchObject({ id, body: 'release me' });
        expect(second.receiveCount).toBeGreaterThan(first.receiveCount);
        await f.queue.ack(second);
      },
      timeout,
    );

    it(
      'extend keeps a message hidden past its original visibility timeout',
      async () => {
        const id = await f.queue.send('long job');
        const first = await receiveOne(f.queue);
        await f.queue.extend(first, visibilitySeconds + 2);
        await f.elapse(untilVisibleAgain);
        await expectNoMessage(f.queue);
        await f.elapse(2000);
        const again = await receiveOne(f.queue);
        expect(again).toMatchObject({ id, body: 'long job' });
        await f.queue.ack(again);
      },
      timeout,
    );

    it(
      'deadLetter moves the message with its reason as attribute `reason`, keeping its attributes',
      async () => {
        await f.queue.send('not a job', { source: 'contract' });
        const delivery = await receiveOne(f.queue);
        const reason = 'BAD_MESSAGE: body is not JSON (Unexpected token o)';
        await f.queue.deadLetter(delivery, reason);

        await f.elapse(untilVisibleAgain);
        await expectNoMessage(f.queue);
        const dead = await receiveOne(f.deadLetters);
        expect(dead).toMatchObject({ body: 'not a job', attributes: { source: 'contract', reason } });
      },
      timeout,
    );

    it(
      'reports depth as visible and in-flight messages',
      async () => {
        for (const body of ['one', 'two', 'three']) await f.queue.send(body);
        await expectDepth(f.queue).toEqual({ visible: 3, inFlight: 0 });
        const delivery = await receiveOne(f.queue, 600);
        await expectDepth(f.queue).toEqual({ visible: 2, inFlight: 1 });
        await f.queue.ack(delivery);
        await expectDepth(f.queue).toEqual({ visible: 2, inFlight: 0 });
      },
      timeout,
    );

    it(
      'returns at most max messages per receive and hands each message to one consumer only',
      async () => {
        const sent = new Set<string>();
        for (let i = 0; i < 5; i += 1) sent.add(await f.queue.send(`message ${i}`));
        const first = await f.queue.receive({ max: 3, waitSeconds: 2, visibilitySeconds: 600 });
        expect(first.length).toBeGreaterThan(0);
        expect(first.length).toBeLessThanOrEqual(3);
        const seen = first.map((d) => d.id);
        while (seen.length < sent.size) {
          const more = await f.queue.receive({ max: sent.size - seen.length, waitSeconds: 2, visibilitySeconds: 600 });
          expect(more.length, 'a long poll came back empty while messages were visible').toBeGreaterThan(0);
          seen.push(...more.map((d) => d.id));
        }
        expect(new Set(seen)).toEqual(sent);
        expect(seen.length).toBe(sent.size);
        await expectNoMessage(f.queue);
      },
      timeout,
    );

    it(
      'a long poll returns as soon as a message arrives',
      async () => {
        const waitSeconds = 20;
        const events: string[] = [];
        const received = f.queue
          .receive({ max: 1, waitSeconds, visibilitySeconds })
          .then((deliveries) => {
            events.push('received');
            return deliveries;
          });
        // Give the request time to start waiting; this pause only makes the test stricter.
        await pause(300);
        events.push('sent');
        const id = await f.queue.send('wake up');
        const stop = new AbortController();
        const halfTheWait = pause((waitSeconds * 1000) / 2, stop.signal).then(() => {
          if (!stop.signal.aborted) events.push('half the wait elapsed');
        });
        const deliveries = await Promise.race([received, halfTheWait.then(() => received)]);
        stop.abort();
        expect(events.slice(0, 2)).toEqual(['sent', 'received']);
        expect(deliveries.map((d) => d.id)).toEqual([id]);
        await f.queue.ack(deliveries[0]);
      },
      // A long poll that does not return early fails by timing out, well before the test default.
      Math.min(timeout, 30_000),
    );
  });
}
