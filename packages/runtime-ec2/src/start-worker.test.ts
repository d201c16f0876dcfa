import { createMemorySystem, type MemorySystem } from '@wordfreq/adapters-memory';
import { countMemoryPerJob, countText } from '@wordfreq/core';
import { Tokens } from '@wordfreq/core/di';
import { afterEach, describe, expect, it } from 'vitest';
import { workerConfigFromEnv } from './config/worker-config.from-env.js';
import { createContainer } from './container.js';
import { startWorker, type RunningWorker } from './start-worker.js';
import { until } from './worker/worker.test-support.js';

let running: RunningWorker | undefined;
let system: MemorySystem | undefined;
afterEach(async () => {
  await running?.stopNow();
  system?.dispose();
  running = undefined;
  system = undefined;
});

const memoryConfig = (extra: Record<string, string> = {}) =>
  workerConfigFromEnv({ WORKER_ADAPTERS: 'memory', WORKER_COUNT: '2', WORKER_WAIT_SECONDS: '1', WORKER_ID: 'w-1', WORKER_METRICS_INTERVAL_SECONDS: '0', ...extra });

describe('createContainer', () => {
  it('wires the memory adapters, the JSON logger and the configuration', () => {
    const lines: string[] = [];
    const config = memoryConfig();
    const container = createContainer(config, { writeLine: (l) => lines.push(l) });
    container.get<{ info(m: string): void }>(Tokens.Logger).info('hello');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', message: 'hello', workerId: 'w-1' });
    expect(container.get(Tokens.CoreSettings)).toMatchObject({ workerId: 'w-1', maxBytes: config.maxBytes });
    expect(container.get(Tokens.JobQueue)).toBe(container.get(Tokens.JobQueue));
  });

  it('hands the use case the last receive before the redrive and the word-length cap from the environment', () => {
    const container = createContainer(memoryConfig({ WORKER_MAX_RECEIVES: '3', WORKER_MAX_WORD_BYTES: '40' }), { writeLine: () => {} });
    expect(container.get(Tokens.CoreSettings)).toMatchObject({ maxReceives: 3, count: { maxWordBytes: 40 } });
    expect(createContainer(memoryConfig(), { writeLine: () => {} }).get(Tokens.CoreSettings)).toMatchObject({ maxReceives: 5, count: { maxWordBytes: 256 } });
  });

  it("gives each job its share of the worker's memory budget, and spills to the configured directory or nowhere", () => {
    const container = createContainer(memoryConfig({ WORKER_MEMORY_BUDGET_MB: '1000', WORKER_SPILL_DIR: '/var/tmp/wordfreq' }), { writeLine: () => {} });
    expect(container.get(Tokens.CoreSettings)).toMatchObject({ memoryBudgetBytes: countMemoryPerJob(1000 * 1024 * 1024, 2) });
    expect(container.get(Tokens.SpillStore)).toMatchObject({ dir: '/var/tmp/wordfreq' });
    const without = createContainer(memoryConfig({ WORKER_SPILL_DIR: 'none' }), { writeLine: () => {} });
    expect(without.isBound(Tokens.SpillStore)).toBe(false);
  });

  it('wires the AWS adapters with EMF metrics on the same output, without touching the network', () => {
    const lines: string[] = [];
    const config = workerConfigFromEnv({
      AWS_REGION: 'us-east-1',
      WORKER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
      WORKER_RESULT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/results',
      WORKER_RESULT_TABLENAME: 'wordfreq',
    });
    const container = createContainer(config, { writeLine: (l) => lines.push(l) });
    expect(container.get<object>(Tokens.JobQueue).constructor.name).toBe('SqsJobQueue');
    expect(container.get<object>(Tokens.ResultStore).constructor.name).toBe('DynamoResultStore');
    expect(container.isBound(Tokens.DeadLetterQueue)).toBe(false);
    container.get<{ record(n: string, v: number, u: string): void }>(Tokens.Metrics).record('JobsSucceeded', 1, 'Count');
    expect(JSON.parse(lines[0])).toMatchObject({ Service: 'wordfreq-worker', JobsSucceeded: 1, _aws: { CloudWatchMetrics: [{ Namespace: 'WordFreq' }] } });
  });
});

describe('startWorker', () => {
  it('processes uploads from a shared memory system, serves /health, and drains to a stop', async () => {
    system = createMemorySystem();
    const lines: string[] = [];
    const config = memoryConfig({ WORKER_HEALTH_PORT: '0', WORKER_HEALTH_HOST: '127.0.0.1' });
    running = await startWorker(config, { container: createContainer(config, { memory: { system }, writeLine: (l) => lines.push(l) }) });
    expect(running.healthUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/health$/);

    await system.store.put({ bucket: system.buckets.uploads, key: 'a b.txt' }, 'to be or not to be');
    // Acked, not only saved: the pipeline publishes and acks after the row is written.
    await until(() => running!.status().ended.acked === 1, 'the job acked');
    expect((await system.results.get(`${system.buckets.uploads}/a b.txt`))?.words).toEqual(countText('to be or not to be').top);

    const health = await fetch(running.healthUrl!);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ healthy: true, state: 'running', received: 1 });

    const report = await running.drain();
    expect(report).toEqual({ finished: 0, released: 0 });
    expect(await running.stopped).toBe(report);
    await expect(fetch(running.healthUrl!)).rejects.toThrow();
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.find((l) => l.message === 'job finished')).toMatchObject({ file: `${system.buckets.uploads}/a b.txt`, outcome: 'succeeded', workerId: 'w-1' });
    expect(logged.at(-1)).toMatchObject({ message: 'worker stopped' });
  });

  it('samples the queue depth into metrics, with backlog per instance when the instance count is known', async () => {
    system = createMemorySystem();
    for (let i = 0; i < 4; i += 1) await system.jobs.send(JSON.stringify({ bucket: system.buckets.uploads, key: `k${i}` }));
    const config = memoryConfig({ WORKER_METRICS_INTERVAL_SECONDS: '3600', WORKER_COUNT: '1', WORKER_JOB_DELAY_SECONDS: '3600' });
    running = await startWorker(config, { container: createContainer(config, { memory: { system }, writeLine: () => {}, instanceCount: async () => 2 }) });
    await until(() => system!.metrics.count('QueueVisible') === 1, 'the first sample');
    const point = (name: string) => system!.metrics.points.find((p) => p.name === name)?.value;
    expect(point('QueueVisible')! + point('QueueInFlight')!).toBe(4);
    expect(point('BacklogPerInstance')).toBe(point('QueueVisible')! / 2);
  });

  it('refuses to start when the health port is taken', async () => {
    system = createMemorySystem();
    const config = memoryConfig({ WORKER_HEALTH_PORT: '0', WORKER_HEALTH_HOST: '127.0.0.1' });
    running = await startWorker(config, { container: createContainer(config, { memory: { system }, writeLine: () => {} }) });
    const port = Number(new URL(running.healthUrl!).port);
    const second = memoryConfig({ WORKER_HEALTH_PORT: String(port), WORKER_HEALTH_HOST: '127.0.0.1' });
    await expect(startWorker(second, { container: createContainer(second, { memory: { system }, writeLine: () => {} }) })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
