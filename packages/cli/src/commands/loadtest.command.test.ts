import { execFileSync, spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, cliBin, runCli } from './cli-process.test-support.js';

// The command's own edges, as a user meets them; the run itself is tested in loadtest/run-loadtest.test.ts.

beforeAll(() => assertCliBuilt());

describe('wordfreq loadtest', () => {
  it('is listed in the help and explains its options', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/^ {2}loadtest +auto-scale real workers on emulated AWS/m);
    const usage = await runCli(['loadtest', '--help']);
    expect(usage.code).toBe(0);
    expect(usage.stdout).toMatch(/^Usage: wordfreq loadtest --local \[options\]/);
    for (const flag of ['--policy', '--files', '--job-seconds', '--period', '--cooldown', '--max', '--json', '--svg']) expect(usage.stdout).toContain(flag);
  });

  it('needs --local, and says why, before starting anything', async () => {
    const run = await runCli(['loadtest']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^wordfreq: loadtest needs --local: it runs real workers against emulated AWS/);
    expect(run.stdout).toBe('');
  });

  it('rejects bad flags with exit code 2 and one line', async () => {
    const run = await runCli(['loadtest', '--local', '--policy', 'lambda']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("wordfreq: --policy must be one of step, target, got 'lambda'\n");
  });

  it('refuses an --svg it could not write, before the run', async () => {
    const run = await runCli(['loadtest', '--local', '--svg', '/no/such/dir/chart.svg']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('wordfreq: --svg /no/such/dir/chart.svg: cannot write into /no/such/dir\n');
  });
});

describe('wordfreq loadtest --local, interrupted', () => {
  it('stops its workers and emulators on Ctrl-C and exits 130', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [cliBin, 'loadtest', '--local', '--files', '40', '--job-seconds', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Once the uploads start, the emulators (with DynamoDB Local's JVM) and the first worker run.
    while (!stderr.includes('loadtest: uploading')) {
      if (child.exitCode !== null) throw new Error(`loadtest ended early: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const started = descendants(child.pid!);
    expect(started.length).toBeGreaterThanOrEqual(2); // a worker, and DynamoDB Local's shell and JVM
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stderr).toContain('wordfreq loadtest: interrupted; the workers and emulators were stopped');
    expect(started.filter(isAlive)).toEqual([]);
  });
});

/** Every process below `root`, from the process table. */
function descendants(root: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [pid, ppid] of table) {
      if (ppid === parent) {
        found.push(pid);
        visit(pid);
      }
    }
  };
  visit(root);
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
