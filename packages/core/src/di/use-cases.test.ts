import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { FakeObjectStore, FakePublisher, FakeResultStore, manualClock } from '../jobs/fakes.test-support.js';
import type { Logger } from '../ports/logger.port.js';
import { FakeClaimStore, FakeCounterStore, FakeMailer } from '../visits/fakes.test-support.js';
import { coreModule, corePorts, defaultCoreSettings } from './core.module.js';
import { PortMap } from './port-map.js';
import { Tokens } from './tokens.js';
import { handleJobMessageFrom, notifyMilestoneFrom, processJobFrom, recordVisitFrom, replicateUploadFrom } from './use-cases.js';

const mail = { from: 'site@example.com', to: ['team@example.com'] };
const delivery = (body: string) => ({ id: 'm-1', body, receiveCount: 1, attributes: {}, handle: 'h-1' });

function composed() {
  const container = new Container();
  const clock = manualClock();
  container.bind(Tokens.Clock).toConstantValue(clock);
  container.load(coreModule({ workerId: 'uc-worker', delayMs: 3, count: { top: 1 } }));
  const ports = {
    storage: new FakeObjectStore(),
    results: new FakeResultStore(),
    publisher: new FakePublisher(),
    counters: new FakeCounterStore(),
    claims: new FakeClaimStore(),
    mailer: new FakeMailer(),
  };
  container.bind(Tokens.ObjectStore).toConstantValue(ports.storage);
  container.bind(Tokens.ResultStore).toConstantValue(ports.results);
  container.bind(Tokens.ResultPublisher).toConstantValue(ports.publisher);
  container.bind(Tokens.CounterStore).toConstantValue(ports.counters);
  container.bind(Tokens.ClaimStore).toConstantValue(ports.claims);
  container.bind(Tokens.Mailer).toConstantValue(ports.mailer);
  const lines: string[] = [];
  const logger: Logger = { debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
  container.bind(Tokens.Logger).toConstantValue(logger);
  return { container, clock, lines, ...ports };
}

describe('use cases from a container', () => {
  it('handleJobMessage runs with the bound ports and CoreSettings, and a signal per delivery', async () => {
    const { container, storage, results, publisher, clock, lines } = composed();
    await storage.put({ bucket: 'wordfreq-uploads', key: 'k' }, 'one two two');
    const handle = handleJobMessageFrom(container);
    const outcome = await handle(delivery('{"bucket":"wordfreq-uploads","key":"k"}'));
    expect(outcome).toMatchObject({ action: 'ack', results: [{ workerId: 'uc-worker', words: [{ word: 'two', count: 2 }] }] });
    expect(results.rows.has('wordfreq-uploads/k')).toBe(true);
    expect(publisher.published).toHaveLength(1);
    expect(clock.sleeps).toEqual([3]);
    expect(lines).toContain('job succeeded');

    const aborted = new AbortController();
    aborted.abort(new Error('shutting down'));
    expect(await handle(delivery('{"bucket":"wordfreq-uploads","key":"k"}'), aborted.signal)).toMatchObject({ action: 'retry', error: { message: 'shutting down' } });
    expect(await handle(delivery('not json'))).toMatchObject({ action: 'dead-letter' });
  });

  it('processJob counts one object with the same settings', async () => {
    const { container, storage } = composed();
    await storage.put({ bucket: 'wordfreq-uploads', key: 'p.txt' }, 'alpha beta beta');
    expect(await processJobFrom(container)({ bucket: 'wordfreq-uploads', key: 'p.txt' })).toMatchObject({ status: 'succeeded', workerId: 'uc-worker', words: [{ word: 'beta', count: 2 }] });
  });

  it('recordVisit and notifyMilestone share the claim: the crossing is mailed once', async () => {
    const { container, mailer, claims } = composed();
    const visit = await recordVisitFrom(container)('/home', { thresholds: [1], mail });
    expect(visit).toMatchObject({ totalVisits: 1, milestones: [1], notifications: [{ threshold: 1, outcome: 'sent' }] });
    const again = await notifyMilestoneFrom(container)({ threshold: 1, claimant: 'total:1', totalAfter: 1 }, mail);
    expect(again).toBe('already-sent');
    expect(mailer.outbox).toHaveLength(1);
    expect(claims.claims.get(1)?.sentAt).toBeDefined();
  });

  it('replicateUpload copies to the backup bucket', async () => {
    const { container, storage } = composed();
    await storage.put({ bucket: 'uploads', key: 'a.txt' }, 'hello');
    const copy = await replicateUploadFrom(container)({ bucket: 'uploads', key: 'a.txt' }, { backupBucket: 'backup' });
    expect(copy).toMatchObject({ bucket: 'backup', key: 'a.txt', size: 5 });
  });

  it('gives a use case from a container holding only the ports it needs, and names a missing one', () => {
    const container = new Container();
    container.load(coreModule());
    container.bind(Tokens.ObjectStore).toConstantValue(new FakeObjectStore());
    expect(typeof replicateUploadFrom(container)).toBe('function');
    expect(() => handleJobMessageFrom(container)).toThrow(/wordfreq\.ResultStore/);
  });

  it('are served alike by a PortMap root, without a container', async () => {
    const storage = new FakeObjectStore();
    await storage.put({ bucket: 'wordfreq-uploads', key: 'k' }, 'one two two');
    const results = new FakeResultStore();
    const ports = new PortMap([
      ...corePorts({ workerId: 'plain' }),
      [Tokens.ObjectStore, storage],
      [Tokens.ResultStore, results],
      [Tokens.ResultPublisher, new FakePublisher()],
    ]);
    expect(ports.get(Tokens.CoreSettings)).toEqual({ ...defaultCoreSettings, workerId: 'plain' });
    expect(await handleJobMessageFrom(ports)(delivery('{"bucket":"wordfreq-uploads","key":"k"}'))).toMatchObject({ action: 'ack', results: [{ workerId: 'plain' }] });
    expect(results.rows.has('wordfreq-uploads/k')).toBe(true);
    // Swapping an adapter: rebind, then ask for the use case.
    const other = new FakeObjectStore();
    ports.rebind(Tokens.ObjectStore, other);
    expect(await replicateUploadFrom(ports)({ bucket: 'wordfreq-uploads', key: 'k' }, { backupBucket: 'backup' }).catch((e: Error) => e.name)).toBe('NotFoundError');
  });

  it('PortMap refuses a second binding and names a missing port with what to do', () => {
    const ports = new PortMap([[Tokens.ObjectStore, new FakeObjectStore()]]);
    expect(() => ports.bind(Tokens.ObjectStore, {})).toThrow(/Symbol\(wordfreq\.ObjectStore\) is bound already; use rebind/);
    expect(ports.isBound(Tokens.Mailer)).toBe(false);
    expect(ports.get(Tokens.Logger, { optional: true })).toBeUndefined();
    expect(() => handleJobMessageFrom(ports)).toThrow(/no port is bound for Symbol\(wordfreq\.ResultStore\); bind its adapter/);
  });
});
