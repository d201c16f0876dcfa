import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerGroup } from './worker-group.js';
import { orphanGuard, type WorkerLaunch } from './worker-process.js';

// A stand-in for `wordfreq worker` that speaks its log protocol: "worker started" once polling, a
// "job finished" line per job, and a graceful exit 0 on SIGTERM. MODE picks a misbehaviour.
const fakeWorker = `
const log = (message, fields = {}) => console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', message, ...fields }));
const mode = process.env.MODE ?? 'good';
process.on('SIGTERM', () => {
  if (mode === 'stubborn') return;
  log('worker stopped');
  setTimeout(() => process.exit(0), 20);
});
setTimeout(() => {
  if (mode === 'crash') {
    console.error('boom: cannot reach the queue');
    process.exit(3);
  }
  log('worker started');
  if (process.env.JOB) log('job finished', { file: process.env.JOB, outcome: 'succeeded' });
}, Number(process.env.BOOT_MS ?? 30));
setInterval(() => {}, 1000);
`;

const launch = (env: Record<string, string> = {}): WorkerLaunch => ({ command: process.execPath, args: ['-e', fakeWorker], env: { PATH: process.env.PATH ?? '', ...env } });

let groups: WorkerGroup[] = [];
afterEach(async () => {
  await Promise.all(groups.map((group) => group.stopAll(2000)));
  groups = [];
});

function group(env: (index: number) => Record<string, string> = () => ({}), onJobFinished?: (file: string, worker: number) => void) {
  let changes = 0;
  const created = new WorkerGroup({
    launch: (index) => launch(env(index)),
    now: () => performance.now() / 1000,
    onChange: () => (changes += 1),
    onJobFinished: (job, worker) => onJobFinished?.(job.file, worker),
  });
  groups.push(created);
  return { group: created, changes: () => changes };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('WorkerGroup', () => {
  it('starts its initial workers in service, then launches more that are pending until they say they started', async () => {
    const { group: workers } = group((index) => ({ BOOT_MS: index === 0 ? '10' : '300' }));
    await workers.startInitial(1);
    expect(workers.counts()).toEqual({ pending: 0, inService: 1, draining: 0, desired: 1 });
    workers.setDesired(3);
    expect(workers.counts()).toEqual({ pending: 2, inService: 1, draining: 0, desired: 3 });
    await until(() => workers.counts().inService === 3);
    expect(workers.startUpSeconds()).toHaveLength(3);
    const records = workers.records();
    expect(records.map((r) => r.initial)).toEqual([true, false, false]);
    expect(records[0]).toMatchObject({ launchedAt: 0, readyAt: 0 });
    for (const r of records.slice(1)) expect(r.readyAt!).toBeGreaterThan(r.launchedAt);
  });

  it('scales in by sending SIGTERM to the newest workers, which drain and exit', async () => {
    const { group: workers } = group();
    await workers.startInitial(1);
    workers.setDesired(3);
    await until(() => workers.counts().inService === 3);
    workers.setDesired(1);
    expect(workers.counts()).toEqual({ pending: 0, inService: 1, draining: 2, desired: 1 });
    await until(() => workers.running === 1);
    const records = workers.records();
    expect(records[0].terminatedAt).toBeUndefined();
    expect(records[1].terminatedAt).toBeDefined();
    expect(records[2].terminatedAt).toBeDefined();
  });

  it('reports the jobs each worker logs as finished, with the worker', async () => {
    const seen: [string, number][] = [];
    const { group: workers } = group((index) => ({ JOB: `bucket/file-${index}.txt` }), (file, worker) => seen.push([file, worker]));
    await workers.startInitial(2);
    await until(() => seen.length === 2);
    expect(seen.sort()).toEqual([
      ['bucket/file-0.txt', 0],
      ['bucket/file-1.txt', 1],
    ]);
  });

  it('fails the run when a worker dies on its own, with the end of its stderr', async () => {
    const { group: workers } = group(() => ({ MODE: 'crash' }));
    await expect(workers.startInitial(1)).rejects.toThrow(/^worker-1 exited before it started \(exit code 3\); its stderr ended with:\nboom: cannot reach the queue$/);
    await expect(workers.failure).rejects.toThrow(/^worker-1 exited on its own \(exit code 3\); its stderr ended with:\nboom: cannot reach the queue$/);
  });

  it('kills a worker that ignores SIGTERM once the grace period is over', async () => {
    const { group: workers } = group(() => ({ MODE: 'stubborn' }));
    await workers.startInitial(1);
    await workers.stopAll(200);
    expect(workers.running).toBe(0);
    await expect(workers.failure).rejects.toThrow(/worker-1 failed while stopping \(signal SIGKILL\)/);
  });
});

describe('orphanGuard', () => {
  it('turns the close of the pipe from the parent into a SIGTERM for the worker', async () => {
    const child = spawn(process.execPath, ['--import', orphanGuard, '-e', "process.on('SIGTERM', () => { console.log('SIGTERM'); process.exit(0); }); setInterval(() => {}, 1000); console.log('up');"], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => (output += data));
    await until(() => output.includes('up'));
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toBe('up\nSIGTERM\n');
    expect(code).toBe(0);
  });
});
