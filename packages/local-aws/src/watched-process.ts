import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';

/** A server process on 127.0.0.1 and a free port, which never outlives the process that started it. */
export interface WatchedProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface WatchedProcessSpec {
  /** Names the process in `ps` and in error messages, e.g. `dynamodb-local`. */
  readonly name: string;
  /** The program and its arguments for a port. */
  readonly command: (port: number) => readonly [program: string, ...args: string[]];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Resolves true once the server answers on `port`; false or a throw means "not yet". */
  readonly isServing: (port: number) => Promise<boolean>;
  /** How long to wait for the first answer. */
  readonly startTimeoutMs: number;
  /** The error for a start that failed; its `retry: false` stops further attempts (e.g. not installed). */
  readonly startFailure: (details: StartFailureDetails) => Error & { readonly retry?: boolean };
}

export interface StartFailureDetails {
  readonly port: number;
  /** `exited with 1`, `could not start: ...`, or `did not answer within N ms`. */
  readonly why: string;
  /** The last lines the process wrote to stdout and stderr, trimmed. */
  readonly log: string;
}

/**
 * Starts `spec.command` under `sh` in its own process group and waits until it serves.
 *
 * Orphans: the shell waits on its stdin, a pipe from this process: when this process dies for any
 * reason (even SIGKILL) the pipe closes and the shell kills the server. `stop()` kills the whole
 * group, and an exit hook does if `stop()` was never called. A free port can be taken between
 * probing and the server binding it, so a failed start is tried again on another port, twice.
 */
export async function startWatchedProcess(spec: WatchedProcessSpec): Promise<WatchedProcess> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const { child, output } = spawnWatched(spec, port);
    try {
      await waitUntilServing(spec, child, output, port);
      return { endpoint: `http://127.0.0.1:${port}`, stop: () => killGroup(child) };
    } catch (error) {
      lastError = error;
      await killGroup(child);
      if ((error as { retry?: boolean }).retry === false) break;
    }
  }
  throw lastError;
}

const watchdog = [
  // Our stdin is the parent's pipe: EOF means the parent is gone (or stopping us). Kept as fd 3, as
  // an asynchronous list's stdin is /dev/null.
  'exec 3<&0',
  '"$@" &',
  'server=$!',
  '(cat <&3 >/dev/null; kill $server 2>/dev/null) &',
  // And a server that exits on its own ends the shell with its status, so a failed start is seen at
  // once rather than after the start timeout (the rest of the group is killed by the caller).
  'wait $server',
].join('\n');

function spawnWatched(spec: WatchedProcessSpec, port: number): { child: ChildProcess; output: string[] } {
  const child = spawn('sh', ['-c', watchdog, spec.name, ...spec.command(port)], {
    ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Nothing here should keep a test process alive; the exit hook below cleans up instead.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
  const onExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', onExit);
  child.once('exit', () => process.removeListener('exit', onExit));
  return { child, output };
}

async function waitUntilServing(spec: WatchedProcessSpec, child: ChildProcess, output: readonly string[], port: number): Promise<void> {
  const deadline = Date.now() + spec.startTimeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.once('error', (error) => (exited = `could not start: ${error.message}`));
  while (Date.now() < deadline && exited === undefined) {
    try {
      if (await spec.isServing(port)) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const why = exited ?? `did not answer within ${spec.startTimeoutMs} ms`;
  throw spec.startFailure({ port, why, log: output.join('').trim() });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  // By group id, not by the shell's state: the server may outlive the shell for a moment.
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  child.stdin?.end();
  signalGroup(child, 'SIGTERM');
  // The shell exits first; the server, in the same group, takes a moment longer. Wait for the whole
  // group, so "stopped" means nothing of it is left, then insist.
  const deadline = Date.now() + 5000;
  while (groupAlive(group)) {
    if (Date.now() > deadline) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Gone in the meantime.
      }
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}
