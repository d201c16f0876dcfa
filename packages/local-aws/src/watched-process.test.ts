import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startWatchedProcess, type WatchedProcessSpec } from './watched-process.js';

// A tiny HTTP server standing in for a JVM or Python emulator.
const serverSource = 'require("node:http").createServer((q, s) => s.end("ok")).listen(Number(process.argv[1]), "127.0.0.1")';

const answers = async (endpoint: string) => {
  try {
    return (await fetch(endpoint, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
};

async function until(condition: () => Promise<boolean>): Promise<void> {
  // A guard against hanging, not a speed bar: conditions are polled until the test's timeout.
  for (;;) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const spec = (overrides: Partial<WatchedProcessSpec> = {}): WatchedProcessSpec => ({
  name: 'test-server',
  command: (port) => [process.execPath, '-e', serverSource, String(port)],
  isServing: async (port) => answers(`http://127.0.0.1:${port}/`),
  startTimeoutMs: 30_000,
  startFailure: ({ port, why, log }) => new Error(`test server on ${port} ${why}: ${log}`),
  ...overrides,
});

describe('startWatchedProcess', () => {
  it('serves on 127.0.0.1 and a free port until stop(), then nothing of it answers', async () => {
    const server = await startWatchedProcess(spec());
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await answers(server.endpoint)).toBe(true);
    await server.stop();
    expect(await answers(server.endpoint)).toBe(false);
  });

  it('reports a process that exits at once with its output, after three attempts on fresh ports', async () => {
    const ports: number[] = [];
    const failing = spec({
      command: (port) => (ports.push(port), [process.execPath, '-e', 'console.error("no licence"); process.exit(3)']),
    });
    await expect(startWatchedProcess(failing)).rejects.toThrow(/exited with 3: no licence/);
    expect(ports).toHaveLength(3);
  });

  it('stops at the first failure marked retry: false (a missing installation)', async () => {
    let attempts = 0;
    const missing = spec({
      command: () => (attempts++, [process.execPath, '-e', 'process.exit(1)']),
      startFailure: () => Object.assign(new Error('not installed'), { retry: false }),
    });
    await expect(startWatchedProcess(missing)).rejects.toThrow('not installed');
    expect(attempts).toBe(1);
  });

  it('never outlives the process that started it, even one killed with SIGKILL', async () => {
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const parentSource = [
      `const { startWatchedProcess } = await import(${JSON.stringify(dist)});`,
      `const server = await startWatchedProcess({ name: 'orphan-test', command: (port) => [process.execPath, '-e', ${JSON.stringify(serverSource)}, String(port)],`,
      '  isServing: async (port) => (await fetch(`http://127.0.0.1:${port}/`)).ok, startTimeoutMs: 30000, startFailure: ({ why }) => new Error(why) });',
      'console.log(server.endpoint);',
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const parent = spawn(process.execPath, ['--input-type=module', '-e', parentSource], { stdio: ['ignore', 'pipe', 'inherit'] });
    const endpoint = await new Promise<string>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8').trim()));
      parent.once('exit', (code) => reject(new Error(`parent exited with ${code} before serving`)));
    });
    expect(await answers(endpoint)).toBe(true);
    parent.kill('SIGKILL');
    await until(async () => !(await answers(endpoint)));
    expect(await answers(endpoint)).toBe(false);
  });
});
