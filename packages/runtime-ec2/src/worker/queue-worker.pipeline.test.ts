import { createMemorySystem, ManualClock, memoryAdapters, type MemorySystem } from '@wordfreq/adapters-memory';
import { jobSlots, type AckFailure, type Delivery, type ObjectRef, type ObjectStore } from '@wordfreq/core';
import { coreModule, handleJobMessageFrom, Tokens } from '@wordfreq/core/di';
import { Container } from 'inversify';
import { afterEach, describe, expect, it } from 'vitest';
import { batchedPorts } from './batched-ports.js';
import { QueueWorker } from './queue-worker.js';
import { advance, gatedHandler, settle, until } from './worker.test-support.js';

/** The worker as start-worker wires it: job slots, read-ahead, batched publishes and acks, on the memory system. */
function pipelined(options: { concurrency: number; readAhead: number; delayMs?: number; visibilitySeconds?: number }) {
  const clock = new ManualClock();
  const system = createMemorySystem({ clock, maxReceiveCount: 3 });
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(coreModule({ count: {}, maxBytes: 1024 * 1024, workerId: 'test-worker', delayMs: options.delayMs ?? 0 }), memoryAdapters({ system }));
  const batched = batchedPorts({ publisher: container.get(Tokens.ResultPublisher), queue: system.jobs });
  const handle = handleJobMessageFrom(container, { slots: jobSlots(options.concurrency), publisher: batched.publisher });
  const worker = new QueueWorker(
    { queue: system.jobs, clock, logger: system.logger, metrics: system.metrics, handle, ack: batched.ack },
    { concurrency: options.concurrency, readAhead: options.readAhead, visibilitySeconds: options.visibilitySeconds ?? 30, waitSeconds: 1 },
  );
  return { clock, system, worker, batched };
}

let running: { worker: QueueWorker; system: MemorySystem; clock: ManualClock } | undefined;
afterEach(async () => {
  if (!running) return;
  const { worker, system, clock } = running;
  const stopping = worker.stopNow();
  system.dispose();
  await advance(clock, 10_000, 1000);
  await stopping;
  running = undefined;
});

/** Objects whose reads wait for the test: counts the reads open at once. */
function gatedReads(store: ObjectStore) {
  const waiting: (() => void)[] = [];
  let open = 0;
  let maxOpen = 0;
  const read = store.read.bind(store);
  store.read = async (ref: ObjectRef, range) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await read(ref, range);
    } finally {
      open -= 1;
    }
  };
  return {
    waiting,
    get open() {
      return open;
    },
    get maxOpen() {
      return maxOpen;
    },
  };
}

describe('the pipelined worker: read-ahead', () => {
  it('holds at most concurrency + readAhead messages and never asks a receive for more than that room', async () => {
    const gate = gatedHandler();
    const clock = new ManualClock();
    const system = createMemorySystem({ clock, maxReceiveCount: 3 });
    const worker = new QueueWorker({ queue: system.jobs, clock, logger: system.logger, metrics: system.metrics, handle: gate.handler }, { concurrency: 2, readAhead: 3, visibilitySeconds: 30, waitSeconds: 1 });
    running = { worker, system, clock };
    for (let i = 0; i < 12; i += 1) await system.jobs.send(JSON.stringify({ bucket: 'b', key: `k${i}` }));
    const asked: { max: number; held: number }[] = [];
    const receive = system.jobs.receive.bind(system.jobs);
    system.jobs.receive = (options) => {
      asked.push({ max: options.max, held: gate.pending.size });
      return receive(options);
    };
    worker.start();
    let finished = 0;
    while (finished < 12) {
      await until(() => gate.pending.size === Math.min(5, 12 - finished), 'the worker to fill its slots and read-ahead');
      await settle();
      expect(gate.pending.size).toBeLessThanOrEqual(5);
      const [first] = gate.pending.values();
      first!.finish({ action: 'ack', results: [] });
      finished += 1;
    }
    expect(gate.maxRunning).toBe(5);
    for (const { max, held } of asked) expect(max).toBeLessThanOrEqual(5 - held);
    // The first receive takes a whole batch: the slots and the read-ahead at once.
    expect(asked[0]).toEqual({ max: 5, held: 0 });
    await until(() => worker.status().ended.acked === 12, 'all acked');
  });

  it('keeps a second receive on the wire while one is slow, the two never asking for more than the room, and only one before the queue delivers', async () => {
    const gate = gatedHandler();
    const clock = new ManualClock();
    const system = createMemorySystem({ clock, maxReceiveCount: 3 });
    const worker = new QueueWorker({ queue: system.jobs, clock, logger: system.logger, metrics: system.metrics, handle: gate.handler }, { concurrency: 2, readAhead: 4, visibilitySeconds: 30, waitSeconds: 1 });
    running = { worker, system, clock };
    for (let i = 0; i < 20; i += 1) await system.jobs.send(JSON.stringify({ bucket: 'b', key: `k${i}` }));
    // Receives answer only when the test lets them: the room asked for by open ones is what matters.
    const open: { max: number; answer: () => void }[] = [];
    const asked: { max: number; held: number; askedByOpen: number }[] = [];
    const receive = system.jobs.receive.bind(system.jobs);
    system.jobs.receive = (options) => {
      asked.push({ max: options.max, held: gate.pending.size, askedByOpen: open.reduce((sum, r) => sum + r.max, 0) });
      return new Promise((resolve, reject) => {
        const entry = { max: options.max, answer: () => receive(options).then(resolve, reject) };
        open.push(entry);
      });
    };
    worker.start();
    await until(() => open.length === 1, 'the first receive');
    await settle();
    expect(open).toHaveLength(1); // nothing received yet: one receive only
    open.shift()!.answer();
    await until(() => gate.pending.size === 6, 'the first batch held');
    // Full: no receive may ask for anything now.
    await settle();
    expect(open).toHaveLength(0);
    // A job ends: one receive goes out for its room. Another ends while that one is on the wire: the
    // second receive goes out for the new room at once instead of waiting behind the first.
    const finishOne = () => [...gate.pending.values()][0]!.finish({ action: 'ack', results: [] });
    finishOne();
    await until(() => open.length === 1, 'a receive for the freed room');
    expect(open[0]!.max).toBe(1);
    finishOne();
    await until(() => open.length === 2, 'a second receive while the first is open');
    expect(open.map((r) => r.max)).toEqual([1, 1]);
    // Two receivers at most: a third freed room waits for one of them.
    finishOne();
    await settle();
    expect(open).toHaveLength(2);
    for (const { max, held, askedByOpen } of asked) expect(max + askedByOpen).toBeLessThanOrEqual(6 - held);
    while (open.length > 0) {
      open.shift()!.answer();
      await settle();
    }
    await until(() => gate.pending.size === 6, 'the room filled');
    expect(gate.maxRunning).toBe(6);
  });

  it('reads and counts at most `concurrency` jobs at once while the read-ahead holds the next ones, so a freed slot starts at once', async () => {
    const pipe = pipelined({ concurrency: 2, readAhead: 4 });
    running = pipe;
    const { system, worker } = pipe;
    const reads = gatedReads(system.store);
    for (let i = 0; i < 8; i += 1) await system.store.put({ bucket: system.buckets.uploads, key: `f${i}.txt` }, `word${i} common`);
    const received: number[] = [];
    const receive = system.jobs.receive.bind(system.jobs);
    system.jobs.receive = async (options) => {
      const got = await receive(options);
      received.push(got.length);
      return got;
    };
    worker.start();
    await until(() => worker.status().inFlight === 6, 'slots and read-ahead full');
    expect(reads.open).toBe(2);
    const receivesBefore = received.length;
    // Freeing a slot starts a held job's read with no receive in between.
    reads.waiting.shift()!();
    await until(() => reads.waiting.length === 2 && reads.open === 2, 'the next read to start');
    expect(received.slice(receivesBefore).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    while (worker.status().ended.acked < 8) {
      reads.waiting.shift()?.();
      await settle();
    }
    expect(reads.maxOpen).toBe(2);
    const rows = [];
    for await (const row of system.results.list()) rows.push(row);
    expect(rows).toHaveLength(8);
  });
});

describe('the pipelined worker: batched acks', () => {
  it('acks with DeleteMessageBatch-like calls; an entry the queue refuses is left and comes back, the others are not redelivered', async () => {
    const pipe = pipelined({ concurrency: 3, readAhead: 3, visibilitySeconds: 4 });
    running = pipe;
    const { system, worker, clock } = pipe;
    for (let i = 0; i < 3; i += 1) await system.store.put({ bucket: system.buckets.uploads, key: `f${i}.txt` }, `text ${i}`);
    const batches: number[] = [];
    let refuse: string | undefined = `${system.buckets.uploads}/f1.txt`;
    const ackMany = system.jobs.ackMany!.bind(system.jobs);
    system.jobs.ackMany = async (deliveries: readonly Delivery[]): Promise<readonly AckFailure[]> => {
      batches.push(deliveries.length);
      const refused = deliveries.filter((d) => refuse !== undefined && d.body.includes(refuse.split('/')[1]!));
      const failures = await ackMany(deliveries.filter((d) => !refused.includes(d)));
      return [...failures, ...refused.map((delivery) => ({ delivery, error: new Error('ReceiptHandleIsInvalid') }))];
    };
    worker.start();
    await until(() => worker.status().ended.acked + worker.status().ended.left === 3, 'three jobs ended');
    expect(worker.status().ended).toMatchObject({ acked: 2, left: 1 });
    expect(Math.max(...batches)).toBeGreaterThan(1);
    refuse = undefined;
    // The refused one reappears after its visibility timeout and is acked then; the others never come back.
    await advance(clock, 5000, 500);
    await until(() => worker.status().ended.acked === 3, 'the refused job redone');
    expect(worker.status().received).toBe(4);
    expect(await system.jobs.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('never acks a message before its result is stored and published', async () => {
    const pipe = pipelined({ concurrency: 2, readAhead: 2 });
    running = pipe;
    const { system, worker } = pipe;
    for (let i = 0; i < 6; i += 1) await system.store.put({ bucket: system.buckets.uploads, key: `f${i}.txt` }, `text ${i}`);
    const violations: string[] = [];
    const published = new Set<string>();
    const publish = system.publisher.publish.bind(system.publisher);
    system.publisher.publish = async (result) => {
      await publish(result);
      published.add(result.key);
    };
    const ackMany = system.jobs.ackMany!.bind(system.jobs);
    system.jobs.ackMany = async (deliveries) => {
      for (const delivery of deliveries) {
        const key = (JSON.parse(delivery.body) as { Records: { s3: { object: { key: string } } }[] }).Records[0]!.s3.object.key;
        const row = await system.results.get(`${system.buckets.uploads}/${key}`);
        if (row === undefined || !published.has(key)) violations.push(key);
      }
      return ackMany(deliveries);
    };
    worker.start();
    await until(() => worker.status().ended.acked === 6, 'all acked');
    expect(violations).toEqual([]);
  });
});

describe('the pipelined worker: scaling with a per-job delay', () => {
  it.each([
    [8, 5],
    [2, 20],
  ])('with %i slots and the course\'s 10 s delay, 40 jobs take %i rounds of 10 s', async (slots, rounds) => {
    const pipe = pipelined({ concurrency: slots, readAhead: 10, delayMs: 10_000, visibilitySeconds: 60 });
    running = pipe;
    const { system, worker, clock } = pipe;
    for (let i = 0; i < 40; i += 1) await system.store.put({ bucket: system.buckets.uploads, key: `f${i}.txt` }, `delayed ${i}`);
    worker.start();
    let taken = 0;
    const delays = () => clock.sleeps.filter((ms) => ms === 10_000).length;
    while (worker.status().ended.acked < 40 && taken < 50) {
      // Every job of this round has reached its delay: as many as there are slots, or what is left.
      await until(() => delays() >= Math.min(40, (taken + 1) * slots), 'the round to be sleeping');
      await settle();
      expect(delays()).toBe(Math.min(40, (taken + 1) * slots));
      await advance(clock, 10_000, 10_000);
      taken += 1;
      const acked = Math.min(40, taken * slots);
      await until(() => worker.status().ended.acked >= acked, `round ${taken} acked`);
    }
    expect(taken).toBe(rounds);
  });
});
