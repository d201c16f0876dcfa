import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { parseJobMessage, systemClock, type JobQueue, type ObjectStore } from '@wordfreq/core';
import { Tokens, coreModule } from '@wordfreq/core/di';
import { ManualClock } from './manual-clock.js';
import { memoryAdapters, MemorySystemToken } from './memory-adapters.module.js';
import { createMemorySystem, type MemorySystem } from './memory-system.js';

const portTokens = Object.entries(Tokens).filter(([name]) => name !== 'CoreSettings');

describe('memoryAdapters', () => {
  it('binds every port token, each to the instance of one system', () => {
    const container = new Container();
    container.load(memoryAdapters());
    const system = container.get<MemorySystem>(MemorySystemToken);
    for (const [name, token] of portTokens) expect(container.isBound(token), name).toBe(true);
    expect(container.get(Tokens.ObjectStore)).toBe(system.store);
    expect(container.get(Tokens.JobQueue)).toBe(system.jobs);
    expect(container.get(Tokens.DeadLetterQueue)).toBe(system.deadLetters);
    expect(container.get(Tokens.ResultPublisher)).toBe(system.publisher);
    expect(container.get(Tokens.Mailer)).toBe(system.mailer);
    expect(container.get(Tokens.SpillStore)).toBe(system.spill);
    expect(container.get(Tokens.Clock)).toBe(systemClock);
  });

  it('loads beside the core module: core keeps its clock unless a clock is passed, which then wins', () => {
    const plain = new Container();
    plain.load(coreModule(), memoryAdapters());
    expect(plain.get(Tokens.Clock)).toBe(systemClock);

    const clock = new ManualClock();
    const manual = new Container();
    manual.load(coreModule(), memoryAdapters({ clock }));
    expect(manual.get(Tokens.Clock)).toBe(clock);
    expect(manual.get<MemorySystem>(MemorySystemToken).clock).toBe(clock);
  });

  it('binds a system the caller created, so the caller keeps a typed handle on it', () => {
    const system = createMemorySystem({ clock: new ManualClock() });
    const container = new Container();
    container.load(memoryAdapters({ system }));
    expect(container.get(Tokens.CounterStore)).toBe(system.counters);
    expect(container.get(Tokens.Clock)).toBe(system.clock);
  });
});

describe('createMemorySystem', () => {
  it('turns uploads to the primary bucket into jobs, not backups, and redrives after maxReceiveCount', async () => {
    const clock = new ManualClock();
    const system = createMemorySystem({ clock, maxReceiveCount: 1 });
    const store: ObjectStore = system.store;
    const jobs: JobQueue = system.jobs;
    await store.put({ bucket: system.buckets.uploads, key: 'a b.txt' }, 'text');
    await store.copy({ bucket: system.buckets.uploads, key: 'a b.txt' }, { bucket: system.buckets.backup, key: 'a b.txt' });
    expect(await jobs.depth()).toEqual({ visible: 1, inFlight: 0 });
    const [job] = await jobs.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 1 });
    expect(parseJobMessage(job.body)).toEqual([{ bucket: 'wordfreq-uploads', key: 'a b.txt' }]);
    clock.advance(1000);
    expect(await jobs.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 1 })).toEqual([]);
    expect(await system.deadLetters.depth()).toEqual({ visible: 1, inFlight: 0 });
  });

  it('stops bridging and ends long polls on dispose', async () => {
    const system = createMemorySystem({ clock: new ManualClock() });
    const polling = system.jobs.receive({ max: 1, waitSeconds: 20, visibilitySeconds: 5 });
    system.dispose();
    expect(await polling).toEqual([]);
    await system.store.put({ bucket: system.buckets.uploads, key: 'late.txt' }, 'x');
    expect(await system.jobs.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('can leave uploads unbridged and use other bucket names', async () => {
    const system = createMemorySystem({ bridgeUploads: false, uploadBucket: 'posts', backupBucket: 'posts-backup' });
    await system.store.put({ bucket: 'posts', key: 'p.txt' }, 'x');
    expect(system.store.hasBucket('posts-backup')).toBe(true);
    expect(await system.jobs.depth()).toEqual({ visible: 0, inFlight: 0 });
  });
});
