import { describe, expect, it } from 'vitest';
import { TransientError } from '../errors.js';
import type { Metrics } from '../ports/metrics.port.js';
import type { JobResult } from '../ports/result-store.port.js';
import { FakeObjectStore, FakePublisher, FakeResultStore, manualClock } from './fakes.test-support.js';
import { handleJobMessage, type MessageOutcome } from './handle-job-message.js';
import { JobMetricNames, recordJobMetrics, settleJob, settleUnfinished } from './job-settlement.js';
import { toS3EventNotification } from './s3-event-notification.js';

// Real outcomes of the use case over the fakes, so the rule is checked against what runtimes get.
async function outcomeOf(files: Record<string, string | Uint8Array>, body: string, failHeads: unknown[] = []): Promise<MessageOutcome> {
  const storage = new FakeObjectStore();
  for (const [key, text] of Object.entries(files)) await storage.put({ bucket: 'uploads', key }, text);
  storage.failures.read = failHeads; // the GET is the one request per job
  // The manual clock moves only by the 5 ms delay each job sleeps, so every duration is known.
  return handleJobMessage(
    { id: 'm-1', body, receiveCount: 1, attributes: {}, handle: 'h-1' },
    { storage, results: new FakeResultStore(), publisher: new FakePublisher(), clock: manualClock() },
    { count: {}, maxBytes: 100, workerId: 'w', delayMs: 5 },
  );
}

const jobs = (...keys: string[]) => toS3EventNotification(keys.map((key) => ({ bucket: 'uploads', key })));
const results = (outcome: MessageOutcome): readonly JobResult[] => (outcome.action === 'dead-letter' ? [] : outcome.results);
const metricsOf = (outcome: MessageOutcome) =>
  results(outcome).flatMap((r) => [
    { name: r.status === 'failed' ? 'JobsFailed' : 'JobsSucceeded', value: 1, unit: 'Count' },
    { name: 'JobDuration', value: r.durationMs, unit: 'Milliseconds' },
  ]);

describe('settleJob', () => {
  it('acks a message whose jobs all succeeded, with one success and one duration per job', async () => {
    const outcome = await outcomeOf({ 'a.txt': 'alpha', 'b.txt': 'beta beta' }, jobs('a.txt', 'b.txt'));
    const settlement = settleJob(outcome, { aborted: false });
    expect(settlement).toEqual({ action: 'ack', kind: 'succeeded', resultMetrics: metricsOf(outcome) });
    expect(settlement.resultMetrics.filter((p) => p.name === 'JobDuration').map((p) => p.value)).toEqual([5, 5]);
  });

  it('acks permanent failures as kind failed, counting each failed and succeeded job', async () => {
    const outcome = await outcomeOf({ 'ok.txt': 'fine', 'big.txt': 'x'.repeat(101) }, jobs('ok.txt', 'big.txt', 'missing.txt'));
    const settlement = settleJob(outcome, { aborted: true });
    expect(settlement).toMatchObject({ action: 'ack', kind: 'failed' });
    expect(settlement.actionMetric).toBeUndefined();
    expect(settlement.resultMetrics.map((p) => p.name)).toEqual(['JobsSucceeded', 'JobDuration', 'JobsFailed', 'JobDuration', 'JobsFailed', 'JobDuration']);
  });

  it('acks a message without jobs (s3:TestEvent) as ignored, with no metrics', async () => {
    const outcome = await outcomeOf({}, '{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"uploads"}');
    expect(settleJob(outcome, { aborted: false })).toEqual({ action: 'ack', kind: 'ignored', resultMetrics: [] });
  });

  it('dead-letters an unreadable message with its reason, aborted or not', async () => {
    const outcome = await outcomeOf({}, '<xml/>');
    expect(outcome.action).toBe('dead-letter');
    for (const aborted of [false, true]) {
      expect(settleJob(outcome, { aborted })).toEqual({
        action: 'dead-letter',
        kind: 'dead-lettered',
        reason: outcome.action === 'dead-letter' ? outcome.reason : '',
        resultMetrics: [],
        actionMetric: { name: 'MessagesDeadLettered', value: 1, unit: 'Count' },
      });
    }
  });

  it('leaves a transient failure for redelivery, counting an error and the jobs done before it', async () => {
    const outcome = await outcomeOf({ 'a.txt': 'alpha', 'b.txt': 'beta' }, jobs('a.txt', 'b.txt'), [undefined, new TransientError('SlowDown')]);
    expect(outcome.action).toBe('retry');
    expect(settleJob(outcome, { aborted: false })).toEqual({
      action: 'leave',
      kind: 'retry',
      resultMetrics: metricsOf(outcome),
      actionMetric: { name: 'JobErrors', value: 1, unit: 'Count' },
    });
    expect(metricsOf(outcome).map((p) => p.name)).toEqual(['JobsSucceeded', 'JobDuration']);
  });

  it('releases a retry the runtime aborted (shutdown, deadline): visible again now, counted as released', () => {
    const outcome: MessageOutcome = { action: 'retry', error: new Error('worker is shutting down'), results: [] };
    expect(settleJob(outcome, { aborted: true })).toEqual({
      action: 'release',
      kind: 'released',
      resultMetrics: [],
      actionMetric: { name: 'JobsReleased', value: 1, unit: 'Count' },
    });
    expect(settleUnfinished()).toEqual(settleJob(outcome, { aborted: true }));
  });
});

describe('JobMetricNames', () => {
  it('names every metric a settlement emits, each by its own name', async () => {
    const names = new Set(Object.values(JobMetricNames));
    expect(Object.entries(JobMetricNames).every(([key, value]) => key === value)).toBe(true);
    const outcome = await outcomeOf({ 'a.txt': 'alpha' }, jobs('a.txt', 'gone.txt'));
    const settlements = [
      settleJob(outcome, { aborted: false }),
      settleJob({ action: 'dead-letter', reason: 'x' }, { aborted: false }),
      settleJob({ action: 'retry', error: 1, results: [] }, { aborted: false }),
      settleJob({ action: 'ack', results: [], fannedOut: 2 }, { aborted: false }),
      settleJob({ action: 'ack', results: [{ ...results(outcome)[0]!, superseded: true }] }, { aborted: false }),
      settleUnfinished(),
    ];
    const emitted = new Set(settlements.flatMap((s) => [...s.resultMetrics, ...(s.actionMetric ? [s.actionMetric] : [])]).map((p) => p.name));
    expect(emitted).toEqual(names);
  });

  it('recordJobMetrics records the points given, in order, skipping absent ones', () => {
    const recorded: unknown[] = [];
    const metrics: Metrics = { record: (...args) => void recorded.push(args) };
    const settlement = settleUnfinished();
    recordJobMetrics(metrics, [{ name: 'JobDuration', value: 12, unit: 'Milliseconds' }, undefined, settlement.actionMetric]);
    expect(recorded).toEqual([
      ['JobDuration', 12, 'Milliseconds'],
      ['JobsReleased', 1, 'Count'],
    ]);
  });
});
