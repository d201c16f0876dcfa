import { countText, parseResultMessage, toS3EventNotification, TransientError, type ObjectStore } from '@wordfreq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeHealth } from '../health/health-server.js';
import { advance, gatedHandler, makeHarness, realHandler, settle, until, type Harness } from './worker.test-support.js';

let harness: Harness | undefined;
afterEach(async () => {
  if (!harness) return;
  const { worker, system, clock } = harness;
  const stopping = worker.stopNow();
  system.dispose();
  await advance(clock, 10_000, 1000);
  await stopping;
  harness = undefined;
});

const text = (n: number) => `alpha beta beta gamma gamma gamma file${n} ${'delta '.repeat(n)}`;

describe('QueueWorker on the memory adapters', () => {
  it('counts every uploaded file exactly once, saves and publishes its result, and acks its message', async () => {
    harness = makeHarness({ concurrency: 3 });
    const { system, worker } = harness;
    const keys = Array.from({ length: 8 }, (_, i) => `in/file ${i} é.txt`);
    await Promise.all(keys.map((key, i) => system.store.put({ bucket: system.buckets.uploads, key }, text(i))));
    worker.start();
    await until(async () => (await system.jobs.depth()).visible + (await system.jobs.depth()).inFlight === 0, 'the jobs queue to empty');

    for (const [i, key] of keys.entries()) {
      const result = await system.results.get(`${system.buckets.uploads}/${key}`);
      expect(result).toMatchObject({ status: 'succeeded', key, workerId: 'test-worker' });
      const expected = countText(text(i));
      expect(result?.words).toEqual(expected.top);
      expect(result?.totalWords).toBe(expected.totalWords);
    }
    const published = [];
    for (let batch; (batch = await system.resultsQueue.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 30 })).length > 0; ) {
      published.push(...batch.map((d) => parseResultMessage(d.body)));
    }
    expect(new Set(published.map((m) => m.resultId)).size).toBe(keys.length);
    expect(worker.status()).toMatchObject({ received: keys.length, ended: { acked: keys.length, 'dead-lettered': 0, left: 0, released: 0 } });
    expect(system.metrics.count('JobsSucceeded')).toBe(keys.length);
    const lines = system.logger.entries.filter((e) => e.message === 'job finished');
    expect(lines.map((e) => e.fields.file).sort()).toEqual(keys.map((k) => `${system.buckets.uploads}/${k}`).sort());
    expect(lines.every((e) => e.fields.outcome === 'succeeded' && typeof e.fields.durationMs === 'number' && e.fields.end === 'acked')).toBe(true);
  });

  it('never runs more jobs at once than its concurrency', async () => {
    const gate = gatedHandler();
    harness = makeHarness({ concurrency: 3, handler: () => gate.handler });
    const { system, worker } = harness;
    for (let i = 0; i < 7; i += 1) await system.jobs.send(JSON.stringify({ bucket: 'b', key: `k${i}` }));
    worker.start();
    let finished = 0;
    while (finished < 7) {
      await until(() => gate.pending.size > 0, 'a running job');
      expect(gate.pending.size).toBeLessThanOrEqual(3);
      const [first] = gate.pending.values();
      first.finish({ action: 'ack', results: [] });
      finished += 1;
      await settle();
    }
    expect(gate.maxRunning).toBe(3);
    await until(() => worker.status().ended.acked === 7, 'all acked');
  });

  it('keeps a long job invisible with a heartbeat at half the visibility timeout, and stops it when the job ends', async () => {
    const gate = gatedHandler();
    harness = makeHarness({ concurrency: 1, visibilitySeconds: 4, handler: () => gate.handler });
    const { system, worker, clock } = harness;
    await system.jobs.send(JSON.stringify({ bucket: 'b', key: 'slow' }));
    const extends_: number[] = [];
    const extend = system.jobs.extend.bind(system.jobs);
    system.jobs.extend = async (delivery, seconds) => {
      extends_.push(clock.now().getTime());
      return extend(delivery, seconds);
    };
    worker.start();
    await until(() => gate.pending.size === 1, 'the job to start');
    const started = clock.now().getTime();

    await advance(clock, 13_000);
    // Three visibility timeouts later nobody else could take it, and the heartbeat beat every 2 s.
    expect(await system.jobs.depth()).toEqual({ visible: 0, inFlight: 1 });
    expect(extends_.map((t) => t - started)).toEqual([2000, 4000, 6000, 8000, 10_000, 12_000]);

    gate.ackAll();
    await until(() => worker.status().ended.acked === 1, 'the ack');
    await advance(clock, 10_000);
    expect(extends_).toHaveLength(6);
    expect(await system.jobs.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('sends an unreadable message to the dead-letter queue with the reason', async () => {
    harness = makeHarness();
    const { system, worker } = harness;
    await system.jobs.send('{"Records": "not a list"}');
    worker.start();
    await until(() => worker.status().ended['dead-lettered'] === 1, 'the dead letter');
    const [dead] = await system.deadLetters.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 30 });
    expect(dead.body).toBe('{"Records": "not a list"}');
    expect(dead.attributes.reason).toMatch(/BAD_MESSAGE/);
    expect(await system.jobs.depth()).toEqual({ visible: 0, inFlight: 0 });
    expect(system.metrics.count('MessagesDeadLettered')).toBe(1);
    expect(system.logger.entries.find((e) => e.message === 'job finished')?.fields).toMatchObject({ outcome: 'dead-letter', end: 'dead-lettered' });
  });

  it('records permanent failures (missing, binary, too large) as failed results and acks them; empty files succeed', async () => {
    harness = makeHarness({ handler: (system) => realHandler(system, { maxBytes: 100 }) });
    const { system, worker } = harness;
    const bucket = system.buckets.uploads;
    await system.store.put({ bucket, key: 'binary.bin' }, new Uint8Array([104, 105, 0, 1, 2]));
    await system.store.put({ bucket, key: 'large.txt' }, 'word '.repeat(50));
    await system.store.put({ bucket, key: 'empty.txt' }, '');
    await system.jobs.send(toS3EventNotification([{ bucket, key: 'gone.txt' }]));
    worker.start();
    await until(() => worker.status().ended.acked === 4, 'four acks');
    const codeOf = async (key: string) => (await system.results.get(`${bucket}/${key}`))?.error?.code;
    expect(await codeOf('gone.txt')).toBe('NOT_FOUND');
    expect(await codeOf('binary.bin')).toBe('NOT_TEXT');
    expect(await codeOf('large.txt')).toBe('TOO_LARGE');
    expect(await system.results.get(`${bucket}/empty.txt`)).toMatchObject({ status: 'succeeded', totalWords: 0, words: [] });
    expect(system.metrics.count('JobsFailed')).toBe(3);
  });

  it('leaves a transiently failing job for redelivery after the visibility timeout, then succeeds once', async () => {
    let failures = 1;
    harness = makeHarness({
      visibilitySeconds: 4,
      handler: (system) => {
        const store = system.store;
        const flaky: ObjectStore = {
          head: (ref) => store.head(ref),
          read: async (ref, range) => {
            if (failures-- > 0) throw new TransientError('SlowDown: please reduce your request rate');
            return store.read(ref, range);
          },
          put: (ref, body, options) => store.put(ref, body, options),
          copy: (from, to) => store.copy(from, to),
          list: (bucket, prefix) => store.list(bucket, prefix),
          delete: (ref) => store.delete(ref),
        };
        return realHandler({ ...system, store: flaky as typeof store });
      },
    });
    const { system, worker, clock } = harness;
    await system.store.put({ bucket: system.buckets.uploads, key: 'flaky.txt' }, 'one two two');
    worker.start();
    await until(() => worker.status().ended.left === 1, 'the transient failure');
    expect(await system.results.get(`${system.buckets.uploads}/flaky.txt`)).toBeUndefined();
    expect(await system.jobs.depth()).toEqual({ visible: 0, inFlight: 1 });

    await advance(clock, 5000);
    await until(() => worker.status().ended.acked === 1, 'the redelivered job');
    expect(await system.results.get(`${system.buckets.uploads}/flaky.txt`)).toMatchObject({ status: 'succeeded', totalWords: 3 });
    expect(system.logger.entries.filter((e) => e.message === 'job finished').map((e) => [e.fields.outcome, e.fields.receiveCount])).toEqual([
      ['retry', 1],
      ['succeeded', 2],
    ]);
  });

  it('with short polling (wait 0) pauses a second after an empty receive instead of spinning', async () => {
    harness = makeHarness({ waitSeconds: 0 });
    const { system, worker, clock } = harness;
    let receives = 0;
    const receive = system.jobs.receive.bind(system.jobs);
    system.jobs.receive = async (options) => {
      receives += 1;
      return receive(options);
    };
    worker.start();
    await settle(20);
    expect(receives).toBe(1);
    await advance(clock, 1000);
    expect(receives).toBe(2);
  });

  it('backs off after failed receives, reports them to the health check, and recovers', async () => {
    harness = makeHarness();
    const { system, worker, clock } = harness;
    let outage = 3;
    const receive = system.jobs.receive.bind(system.jobs);
    system.jobs.receive = async (options) => {
      if (outage-- > 0) throw new TransientError('connect ECONNREFUSED');
      return receive(options);
    };
    worker.start();
    await until(() => worker.status().receiveErrors === 1, 'the first failure');
    await advance(clock, 1000); // backoff 1 s
    await until(() => worker.status().receiveErrors === 2, 'the second failure');
    expect(judgeHealth(worker.status()).healthy).toBe(true);
    await advance(clock, 2000); // backoff 2 s
    await until(() => worker.status().receiveErrors === 3, 'the third failure');
    expect(judgeHealth(worker.status())).toMatchObject({ healthy: false });
    await advance(clock, 4000); // backoff 4 s, then the queue answers
    await system.jobs.send(JSON.stringify({ bucket: system.buckets.uploads, key: 'none' }));
    await until(() => worker.status().ended.acked === 1, 'a job after the outage');
    expect(worker.status().receiveErrors).toBe(0);
    expect(system.metrics.count('ReceiveErrors')).toBe(3);
  });
});

describe('QueueWorker shutdown', () => {
  it('drain: stops receiving, lets running jobs finish within the grace period, and hands back what a last poll brought', async () => {
    const gate = gatedHandler();
    harness = makeHarness({ concurrency: 2, handler: () => gate.handler });
    const { system, worker, clock } = harness;
    await system.jobs.send('{"bucket":"b","key":"one"}');
    worker.start();
    await until(() => gate.pending.size === 1 && system.jobs.waitingReceives === 1, 'one job running and a long poll open');

    const drained = worker.drain(30_000);
    expect(worker.status().state).toBe('draining');
    // A message arriving now reaches the open long poll; the worker must hand it back, not start it.
    await system.jobs.send('{"bucket":"b","key":"two"}');
    await settle();
    expect(gate.pending.size).toBe(1);
    await advance(clock, 5000);
    gate.ackAll();

    expect(await drained).toEqual({ finished: 1, released: 1 });
    expect(worker.status().state).toBe('stopped');
    const [again] = await system.jobs.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 5 });
    expect(JSON.parse(again.body)).toEqual({ bucket: 'b', key: 'two' });
    expect(again.receiveCount).toBe(2);
  });

  it('drain: cancels jobs still running when the grace period ends and releases their messages at once', async () => {
    const gate = gatedHandler();
    harness = makeHarness({ concurrency: 2, handler: () => gate.handler });
    const { system, worker, clock } = harness;
    await system.jobs.send('{"bucket":"b","key":"slow-1"}');
    await system.jobs.send('{"bucket":"b","key":"slow-2"}');
    worker.start();
    await until(() => gate.pending.size === 2, 'two jobs running');
    // These jobs honour cancellation the way processJob does: the abort reason propagates (retry).
    for (const p of gate.pending.values()) p.signal.addEventListener('abort', () => p.finish({ action: 'retry', error: p.signal.reason, results: [] }));

    const drained = worker.drain(10_000);
    await advance(clock, 9000);
    expect(gate.pending.size).toBe(2);
    await advance(clock, 3000);
    expect(await drained).toEqual({ finished: 0, released: 2 });
    expect(await system.jobs.depth()).toEqual({ visible: 2, inFlight: 0 });
    // Given up on by the worker, not failed: counted as released (the core's settlement), not as errors.
    expect(system.metrics.count('JobsReleased')).toBe(2);
    expect(system.metrics.count('JobErrors')).toBe(0);
  });

  it('drain: a job that ignores cancellation is abandoned after a short wait and its message released', async () => {
    const gate = gatedHandler();
    harness = makeHarness({ concurrency: 1, handler: () => gate.handler, cancelWaitMs: 2000 });
    const { system, worker, clock } = harness;
    await system.jobs.send('{"bucket":"b","key":"stuck"}');
    worker.start();
    await until(() => gate.pending.size === 1, 'the job to start');
    const drained = worker.drain(1000);
    await advance(clock, 4000);
    expect(await drained).toEqual({ finished: 0, released: 1 });
    expect(await system.jobs.depth()).toEqual({ visible: 1, inFlight: 0 });
    expect(system.metrics.count('JobsReleased')).toBe(1);
    // Its late outcome changes nothing: the message stays for another worker.
    gate.ackAll();
    await settle();
    expect(await system.jobs.depth()).toEqual({ visible: 1, inFlight: 0 });
  });

  it('stopNow during a drain releases the running jobs at once', async () => {
    const gate = gatedHandler();
    harness = makeHarness({ concurrency: 2, handler: () => gate.handler });
    const { system, worker } = harness;
    await system.jobs.send('{"bucket":"b","key":"a"}');
    await system.jobs.send('{"bucket":"b","key":"b"}');
    worker.start();
    await until(() => gate.pending.size === 2, 'two jobs running');
    const drained = worker.drain(60_000);
    const stopped = worker.stopNow();
    expect(await stopped).toEqual({ finished: 0, released: 2 });
    expect(await drained).toEqual({ finished: 0, released: 2 });
    expect(await system.jobs.depth()).toEqual({ visible: 2, inFlight: 0 });
    expect([...gate.pending.values()].every((p) => p.signal.aborted)).toBe(true);
  });
});
