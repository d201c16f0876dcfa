import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { processJob } from '../jobs/process-job.js';
import { FakeObjectStore, FakePublisher, FakeResultStore, manualClock } from '../jobs/fakes.test-support.js';
import type { Logger } from '../ports/logger.port.js';
import { systemClock } from '../system-clock.js';
import { FakeClaimStore, FakeCounterStore, FakeMailer } from '../visits/fakes.test-support.js';
import { recordVisit } from '../visits/record-visit.js';
import { coreModule, defaultCoreSettings, type CoreSettings } from './core.module.js';
import { Tokens } from './tokens.js';
import { processJobDeps, processJobOptions, recordVisitDeps, replicateUploadDeps } from './use-case-deps.js';

describe('coreModule', () => {
  it('binds the system clock and default settings merged with the given ones', () => {
    const container = new Container();
    container.load(coreModule({ workerId: 'w-9', delayMs: 10 }));
    expect(container.get(Tokens.Clock)).toBe(systemClock);
    expect(container.get<CoreSettings>(Tokens.CoreSettings)).toEqual({ ...defaultCoreSettings, workerId: 'w-9', delayMs: 10 });
  });

  it('keeps a clock and settings bound before it', () => {
    const container = new Container();
    const clock = manualClock();
    const settings: CoreSettings = { count: { top: 3 }, maxBytes: 5, workerId: 'mine' };
    container.bind(Tokens.Clock).toConstantValue(clock);
    container.bind(Tokens.CoreSettings).toConstantValue(settings);
    container.load(coreModule({ workerId: 'ignored' }));
    expect(container.get(Tokens.Clock)).toBe(clock);
    expect(container.get(Tokens.CoreSettings)).toBe(settings);
  });
});

describe('use-case deps from a container', () => {
  function composed(withLogger: boolean) {
    const container = new Container();
    const clock = manualClock();
    container.bind(Tokens.Clock).toConstantValue(clock);
    container.load(coreModule({ workerId: 'di-worker', delayMs: 7, count: { top: 1 } }));
    const storage = new FakeObjectStore();
    const mailer = new FakeMailer();
    container.bind(Tokens.ObjectStore).toConstantValue(storage);
    container.bind(Tokens.ResultStore).toConstantValue(new FakeResultStore());
    container.bind(Tokens.ResultPublisher).toConstantValue(new FakePublisher());
    container.bind(Tokens.CounterStore).toConstantValue(new FakeCounterStore());
    container.bind(Tokens.ClaimStore).toConstantValue(new FakeClaimStore());
    container.bind(Tokens.Mailer).toConstantValue(mailer);
    const lines: string[] = [];
    const logger: Logger = { debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    if (withLogger) container.bind(Tokens.Logger).toConstantValue(logger);
    return { container, storage, mailer, clock, lines };
  }

  it('runs processJob with the bound ports and settings', async () => {
    const { container, storage, clock, lines } = composed(true);
    await storage.put({ bucket: 'b', key: 'k' }, 'one two two');
    const controller = new AbortController();
    const options = processJobOptions(container, controller.signal);
    expect(options).toEqual({ count: { top: 1 }, maxBytes: defaultCoreSettings.maxBytes, memoryBudgetBytes: defaultCoreSettings.memoryBudgetBytes, workerId: 'di-worker', delayMs: 7, signal: controller.signal });
    const result = await processJob({ bucket: 'b', key: 'k' }, processJobDeps(container), options);
    expect(result).toMatchObject({ workerId: 'di-worker', words: [{ word: 'two', count: 2 }] });
    expect(clock.sleeps).toEqual([7]);
    expect(lines).toContain('job succeeded');
  });

  it('runs recordVisit with the bound ports, without a logger when none is bound', async () => {
    const { container, mailer } = composed(false);
    const deps = recordVisitDeps(container);
    expect(deps).not.toHaveProperty('logger');
    await recordVisit('/home', deps, { thresholds: [1], mail: { from: 'a@example.com', to: ['b@example.com'] } });
    expect(mailer.outbox).toHaveLength(1);
    expect(replicateUploadDeps(container).storage).toBe(container.get(Tokens.ObjectStore));
  });
});
