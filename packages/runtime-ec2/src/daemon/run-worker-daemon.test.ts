import { EventEmitter } from 'node:events';
import { createMemorySystem, type MemorySystem } from '@wordfreq/adapters-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createContainer } from '../container.js';
import { until } from '../worker/worker.test-support.js';
import { runWorkerDaemon, type DaemonIo } from './run-worker-daemon.js';

function fakeIo(env: Record<string, string>, system?: MemorySystem) {
  const lines: string[] = [];
  const errors: string[] = [];
  const signals = new EventEmitter();
  const io: DaemonIo = {
    env,
    writeLine: (line) => lines.push(line),
    writeError: (text) => errors.push(text),
    signals,
    command: 'wordfreq worker',
    ...(system ? { container: (config) => createContainer(config, { memory: { system }, writeLine: (l) => lines.push(l) }) } : {}),
  };
  return { io, lines, errors, signals, logged: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

let system: MemorySystem | undefined;
afterEach(() => {
  system?.dispose();
  system = undefined;
});

describe('runWorkerDaemon', () => {
  it('exits 2 listing every configuration problem, each with its variable', async () => {
    const { io, errors } = fakeIo({ WORKER_COUNT: 'x', AWS_REGION: 'us-east-1' });
    expect(await runWorkerDaemon([], io)).toBe(2);
    const text = errors.join('');
    expect(text).toMatch(/^wordfreq worker: invalid configuration \(4 problems\):\n/);
    for (const name of ['WORKER_QUEUE_URL', 'WORKER_RESULT_QUEUE_URL', 'WORKER_RESULT_TABLENAME', 'WORKER_COUNT']) {
      expect(text).toMatch(new RegExp(`^  - ${name} `, 'm'));
    }
  });

  it('exits 2 on an unknown flag or argument, and 0 with the usage for --help', async () => {
    const unknown = fakeIo({});
    expect(await runWorkerDaemon(['--port', '1'], unknown.io)).toBe(2);
    expect(unknown.errors.join('')).toMatch(/Unknown option '--port'/);
    const positional = fakeIo({});
    expect(await runWorkerDaemon(['now'], positional.io)).toBe(2);
    const help = fakeIo({});
    expect(await runWorkerDaemon(['--help'], help.io)).toBe(0);
    expect(help.errors.join('')).toMatch(/WORKER_MESSAGE_VISIBILITY/);
  });

  it('on SIGTERM drains and exits 0; warns about unknown WORKER_ variables', async () => {
    system = createMemorySystem();
    const { io, signals, errors, logged } = fakeIo({ WORKER_ADAPTERS: 'memory', WORKER_WAIT_SECONDS: '0', WORKER_COUNTT: '3' }, system);
    const exit = runWorkerDaemon([], io);
    await until(() => logged().some((l) => l.message === 'worker started'), 'the start');
    expect(errors.join('')).toMatch(/warning: WORKER_COUNTT is not a setting/);
    await system.store.put({ bucket: system.buckets.uploads, key: 'k.txt' }, 'some words here');
    await until(() => logged().some((l) => l.message === 'job finished'), 'the job');
    signals.emit('SIGTERM');
    expect(await exit).toBe(0);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
    expect(logged().at(-1)).toMatchObject({ message: 'worker stopped' });
  });

  it('a second signal releases the running job at once and exits with 128 + its number', async () => {
    system = createMemorySystem();
    const { io, signals, logged } = fakeIo(
      { WORKER_ADAPTERS: 'memory', WORKER_WAIT_SECONDS: '0', WORKER_JOB_DELAY_SECONDS: '600', WORKER_GRACE_SECONDS: '600' },
      system,
    );
    const exit = runWorkerDaemon([], io);
    await system.store.put({ bucket: system.buckets.uploads, key: 'slow.txt' }, 'slow words');
    await until(async () => (await system!.jobs.depth()).inFlight === 1, 'the job to start');
    signals.emit('SIGTERM');
    await until(() => logged().some((l) => l.message?.toString().startsWith('draining')), 'the drain');
    signals.emit('SIGINT');
    expect(await exit).toBe(130);
    expect(await system.jobs.depth()).toEqual({ visible: 1, inFlight: 0 });
    expect(logged().at(-1)).toMatchObject({ message: 'worker stopped', released: 1 });
  });
});
