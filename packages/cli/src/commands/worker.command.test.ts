import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// `wordfreq worker` as users run it: the built bin in a child process.
const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

function start(args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [bin, 'worker', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (data: string) => (stdout += data));
  child.stderr!.setEncoding('utf8').on('data', (data: string) => (stderr += data));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, closed, out: () => stdout, err: () => stderr };
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build first with npx turbo run build --filter=@wordfreq/cli...`);
});

describe('wordfreq worker', () => {
  it('reports every configuration problem with its variable and exits 2', async () => {
    const run = start([], { WORKER_COUNT: 'lots', AWS_REGION: 'us-east-1' });
    expect(await run.closed).toBe(2);
    expect(run.err()).toMatch(/^wordfreq worker: invalid configuration \(4 problems\):/);
    for (const name of ['WORKER_QUEUE_URL', 'WORKER_RESULT_QUEUE_URL', 'WORKER_RESULT_TABLENAME', 'WORKER_COUNT']) expect(run.err()).toContain(`  - ${name} `);
  });

  it('prints its usage with the environment variables for --help', async () => {
    const run = start(['--help'], {});
    expect(await run.closed).toBe(0);
    expect(run.out()).toMatch(/^Usage: wordfreq worker \[--health-port PORT\]/);
    expect(run.out()).toContain('WORKER_MESSAGE_VISIBILITY');
  });

  it('runs until SIGTERM, then drains and exits 0 on its own', async () => {
    const run = start(['--health-port', '0'], { WORKER_ADAPTERS: 'memory', WORKER_WAIT_SECONDS: '1', WORKER_HEALTH_HOST: '127.0.0.1' });
    for (let i = 0; i < 200 && !run.out().includes('"worker started"'); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const url = /"url":"([^"]+)"/.exec(run.out())?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/health$/);
    expect((await fetch(url!)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.closed).toBe(0);
    expect(run.out().trim().split('\n').map((line) => JSON.parse(line).message).at(-1)).toBe('worker stopped');
  });
});
