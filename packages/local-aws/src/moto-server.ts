import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup, signalGroup } from './dynamodb-local.js';
import { freePort } from './free-port.js';

export interface MotoServer {
  /** `http://127.0.0.1:<port>`: every service moto emulates answers on this one endpoint. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface MotoServerOptions {
  /** The Python interpreter (default `python3`, or `WORDFREQ_PYTHON` when set). */
  readonly python?: string;
  /** How long to wait for the first answer (default 60 s: importing moto takes seconds on a busy box). */
  readonly startTimeoutMs?: number;
}

/** Why moto may be missing, and what to do about it: the one place that says it. */
export const motoInstallHint = 'moto server mode is a Python package: pip install "moto[server]" (.ci/run does this when it is missing)';

/**
 * Runs `python3 -m moto.server` on 127.0.0.1 and a free port, in memory. moto is a second emulator,
 * written independently of ours (Python, by other people), so a behaviour both agree on is less
 * likely to be our own model twice.
 *
 * Orphans: as for DynamoDB Local, the server runs under `sh` in its own process group, the shell
 * waits on a pipe from this process and kills the server when it closes (this process died, even by
 * SIGKILL); `stop()` kills the group, and an exit hook does if `stop()` was never called.
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const python = options.python ?? process.env.WORDFREQ_PYTHON ?? 'python3';
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  let lastError: unknown;
  // A free port can be taken between probing and the server binding it; try a few before giving up.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const { child, output } = spawnServer(python, port);
    try {
      await waitUntilServing(child, output, port, startTimeoutMs);
      return { endpoint: `http://127.0.0.1:${port}`, stop: () => killGroup(child) };
    } catch (error) {
      lastError = error;
      await killGroup(child);
      if (error instanceof MotoMissingError) break;
    }
  }
  throw lastError;
}

class MotoMissingError extends Error {}

const watchdog = [
  '"$@" &',
  'server=$!',
  // Our stdin is the parent's pipe: EOF means the parent is gone (or stopping us).
  'cat >/dev/null',
  'kill $server 2>/dev/null',
  'wait $server',
].join('\n');

function spawnServer(python: string, port: number): { child: ChildProcess; output: string[] } {
  const child = spawn('sh', ['-c', watchdog, 'moto-server', python, '-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    // Unbuffered, so a start-up failure's traceback reaches the error message.
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
  const onExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', onExit);
  child.once('exit', () => process.removeListener('exit', onExit));
  return { child, output };
}

async function waitUntilServing(child: ChildProcess, output: readonly string[], port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.once('error', (error) => (exited = `could not start: ${error.message}`));
  while (Date.now() < deadline && exited === undefined) {
    try {
      // moto's own API answers once every service is loaded.
      const response = await fetch(`http://127.0.0.1:${port}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const log = output.join('').trim();
  if (/No module named moto|ModuleNotFoundError|not found/.test(log)) {
    throw new MotoMissingError(`moto could not start: ${log.split('\n').pop()}. ${motoInstallHint}`);
  }
  throw new Error(`moto server on port ${port} ${exited ?? `did not answer within ${timeoutMs} ms`}. Its output: ${log === '' ? '(none)' : log}`);
}
