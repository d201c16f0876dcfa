import { beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from './cli-process.test-support.js';

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
