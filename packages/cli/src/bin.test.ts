import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertCliBuilt, cliBin, runCli } from './commands/cli-process.test-support.js';

describe('the wordfreq process', () => {
  it('exits quietly with 0 when its reader closes the pipe early (wordfreq ... | head)', { timeout: 30_000 }, async () => {
    assertCliBuilt();
    // 2000 simulated jobs print a long table and charts; the reader takes one chunk and hangs up.
    const child = spawn(process.execPath, [cliBin, 'scaling', 'simulate', '--policy', 'all', '--files', '2000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data) => (stderr += data));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it.each(['--version', '-V'])('prints the package.json version for %s', async (flag) => {
    assertCliBuilt();
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
