import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI, run as users run it: `node dist/bin.js` in a child process. */
export const cliBin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function assertCliBuilt(): void {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: build first with npx turbo run build --filter=@wordfreq/cli...`);
}

/**
 * Runs `wordfreq args...` with exactly `env` (plus PATH), so nothing from the developer's shell (real AWS
 * credentials, a region) leaks into a test; `stdin` is its standard input (default empty).
 */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string; stdin?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', ...options.env },
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => (stdout += data));
    child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    // An empty, closed standard input, as with `< /dev/null`, unless the test gives one.
    child.stdin.end(options.stdin ?? '');
  });
}
