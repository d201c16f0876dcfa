import type { Delivery, MessageOutcome } from '@wordfreq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from '../health/health-server.js';
import type { JobHandler } from './job-handler.js';
import { advance, makeHarness, realHandler, settle, until, type Harness } from './worker.test-support.js';

let harness: Harness | undefined;
let health: HealthServer | undefined;
afterEach(async () => {
  await health?.close();
  health = undefined;
  if (!harness) return;
  const { worker, system, clock } = harness;
  const stopping = worker.stopNow();
  system.dispose();
  await advance(clock, 10_000, 1000);
  await stopping;
  harness = undefined;
});

const limitMs = 60_000;

/**
 * A handler whose first delivery of `hungKey` never settles and ignores its abort (a wedged
 * dependency); every other delivery acks at once. `finishHung` lets the test end the hung one late.
 */
function hangingOnce(hungKey: string) {
  const seen: { key: string; receiveCount: number; signal: AbortSignal }[] = [];
  let finishHung: ((outcome: MessageOutcome) => void) | undefined;
  const handler: JobHandler = (delivery: Delivery, signal) => {
    const { key } = JSON.parse(delivery.body) as { key: string };
    seen.push({ key, receiveCount: delivery.receiveCount, signal });
    if (key === hungKey && delivery.receiveCount === 1) return new Promise<MessageOutcome>((resolve) => (finishHung = resolve));
    return Promise.resolve({ action: 'ack', results: [] });
  };
  return { handler, seen, finishHung: (outcome: MessageOutcome) => finishHung?.(outcome) };
}

describe('QueueWorker job time limit', () => {
  it('releases a job that never settles at its limit, frees its slot for the next job, and shows the stuck slot on /health', async () => {
    const hung = hangingOnce('hung');
    harness = makeHarness({ concurrency: 1, visibilitySeconds: 4, jobTimeLimitMs: limitMs, cancelWaitMs: 2000, handler: () => hung.handler });
    const { system, worker, clock } = harness;
    await system.jobs.send(JSON.stringify({ bucket: 'b', key: 'hung' }));
    await system.jobs.send(JSON.stringify({ bucket: 'b', key: 'next' }));
    worker.start();
    health = await startHealthServer(() => worker.status(), { port: 0, host: '127.0.0.1' });
    await until(() => hung.seen.length === 1, 'the hung job to start');

    // Just before the limit the job holds the only slot and its message (the heartbeat keeps it).
    await advance(clock, limitMs - 1000, 500);
    expect(hung.seen).toHaveLength(1);
    expect(await system.jobs.depth()).toEqual({ visible: 1, inFlight: 1 });
    expect((await fetch(health.url)).status).toBe(200);

    // At the limit: aborted, then given up on after the cancel wait; the message goes back at once.
    await advance(clock, 1000 + 2000, 500);
    expect(hung.seen[0].signal.aborted).toBe(true);
    expect(String(hung.seen[0].signal.reason)).toMatch(/time limit of 60 s is over/);
    await until(() => worker.status().ended.acked === 2, 'the freed slot to run the retry and the next job');
    // The hung job's retry (receive 2: the release counts as a receive for the redrive) and the next job ran in the freed slot.
    expect(hung.seen.map(({ key, receiveCount }) => `${key}#${receiveCount}`).sort()).toEqual(['hung#1', 'hung#2', 'next#1']);
    expect(await system.jobs.depth()).toEqual({ visible: 0, inFlight: 0 });
    expect(worker.status()).toMatchObject({ inFlight: 0, ended: { acked: 2, released: 1 }, stuck: [{ messageId: expect.any(String), receiveCount: 1 }] });
    expect(system.metrics.count('JobsTimedOut')).toBe(1);
    expect(system.metrics.count('JobsReleased')).toBe(1);
    expect(system.logger.entries.find((e) => e.message === 'job finished' && e.fields.outcome === 'timed-out')?.fields).toMatchObject({ end: 'released', receiveCount: 1 });

    // Every slot (the one) is stuck: /health says so in its JSON, with 503.
    const answer = await fetch(health.url);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ healthy: false, reason: expect.stringMatching(/stuck/), stuck: [{ receiveCount: 1, limitReachedAt: expect.any(String) }] });

    // The hung job returns at last: its outcome is dropped (the message is no longer its own), and the slot is no longer stuck.
    hung.finishHung({ action: 'ack', results: [] });
    await settle();
    expect(worker.status().stuck).toEqual([]);
    expect(worker.status().ended).toMatchObject({ acked: 2, released: 1 });
    expect((await fetch(health.url)).status).toBe(200);
  });

  it('releases a job that stops when aborted at its limit, and dead-letters it with the reason on its last receive', async () => {
    // The course's artificial delay, longer than the limit: processJob sleeps it on the clock and stops when aborted.
    harness = makeHarness({ concurrency: 1, visibilitySeconds: 4, jobTimeLimitMs: limitMs, maxReceives: 3, handler: (system) => realHandler(system, { delayMs: 10 * limitMs }) });
    const { system, worker, clock } = harness;
    await system.store.put({ bucket: system.buckets.uploads, key: 'slow.txt' }, 'some words');
    worker.start();
    for (let receive = 1; receive <= 3; receive += 1) {
      await until(() => worker.status().received === receive, `receive ${receive}`);
      await advance(clock, limitMs + 500, 500);
    }
    await until(() => worker.status().ended['dead-lettered'] === 1, 'the dead letter');
    expect(worker.status().ended).toMatchObject({ released: 2, 'dead-lettered': 1, acked: 0 });
    expect(worker.status().stuck).toEqual([]);
    const [dead] = await system.deadLetters.receive({ max: 1, waitSeconds: 0, visibilitySeconds: 30 });
    expect(dead.attributes.reason).toMatch(/^TIME_LIMIT: the job ran past its time limit of 60 s on receive 3 of 3/);
    expect(await system.results.get(`${system.buckets.uploads}/slow.txt`)).toBeUndefined();
    expect(system.metrics.count('JobsTimedOut')).toBe(3);
    expect(system.metrics.count('JobsReleased')).toBe(2);
  });

  it('a shutdown that abandons a job deaf to its abort ends the time limit too: no timer outlives the run', async () => {
    const hung = hangingOnce('deaf');
    harness = makeHarness({ concurrency: 1, visibilitySeconds: 4, jobTimeLimitMs: limitMs, cancelWaitMs: 2000, handler: () => hung.handler });
    const { system, worker, clock } = harness;
    await system.jobs.send(JSON.stringify({ bucket: 'b', key: 'deaf' }));
    worker.start();
    await until(() => hung.seen.length === 1, 'the job to start');
    const drained = worker.drain(1000);
    await advance(clock, 4000, 500);
    expect(await drained).toEqual({ finished: 0, released: 1 });
    await settle();
    expect(clock.pendingSleeps).toBe(0);
    expect(worker.status().stuck).toEqual([]);
    expect(system.metrics.count('JobsTimedOut')).toBe(0);
  });

  it('without a limit, leaves a long job running (the heartbeat keeps it)', async () => {
    const hung = hangingOnce('long');
    harness = makeHarness({ concurrency: 1, visibilitySeconds: 4, handler: () => hung.handler });
    const { system, worker, clock } = harness;
    await system.jobs.send(JSON.stringify({ bucket: 'b', key: 'long' }));
    worker.start();
    await until(() => hung.seen.length === 1, 'the job to start');
    await advance(clock, 3 * limitMs, 1000);
    expect(hung.seen[0].signal.aborted).toBe(false);
    expect(worker.status()).toMatchObject({ inFlight: 1, stuck: [] });
    hung.finishHung({ action: 'ack', results: [] });
    await until(() => worker.status().ended.acked === 1, 'the ack');
  });
});
