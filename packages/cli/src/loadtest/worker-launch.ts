import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadtestResources } from './local-aws.js';
import type { WorkerLaunch } from './worker-process.js';

export interface WorkerSettings {
  readonly resources: LoadtestResources;
  /** AWS_* variables pointing the worker's SDK at the emulators. */
  readonly awsEnv: Readonly<Record<string, string>>;
  readonly workerId: string;
  readonly delaySeconds: number;
  readonly visibilitySeconds: number;
  /** How long a SIGTERM'd worker may finish its job before giving it back. */
  readonly graceSeconds: number;
}

/**
 * The environment of one worker, as the EC2 user data would write it: the Go sample's variables, one
 * job at a time (a t2.micro), the delay that makes the job last, and a one-second long poll so that an
 * idle worker told to stop exits within a second. Nothing else from this process's environment is
 * passed on, so real AWS credentials can never reach a local run.
 */
export function workerEnv(settings: WorkerSettings): Record<string, string> {
  const { resources } = settings;
  return {
    PATH: process.env.PATH ?? '',
    ...settings.awsEnv,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    WORKER_QUEUE_URL: resources.jobQueueUrl,
    // The run's bucket has a name of its own; the worker reads only allowed buckets.
    WORKER_ALLOWED_BUCKETS: resources.bucket,
    WORKER_RESULT_QUEUE_URL: resources.resultsQueueUrl,
    WORKER_RESULT_TABLENAME: resources.resultsTable,
    WORKER_DEAD_LETTER_QUEUE_URL: resources.deadLetterQueueUrl,
    WORKER_COUNT: '1',
    // The scaling simulator the run is compared with models one job per instance at a time.
    WORKER_READ_AHEAD: '0',
    WORKER_WAIT_SECONDS: '1',
    WORKER_MESSAGE_VISIBILITY: String(settings.visibilitySeconds),
    WORKER_JOB_DELAY_SECONDS: settings.delaySeconds.toFixed(3),
    WORKER_GRACE_SECONDS: String(settings.graceSeconds),
    WORKER_METRICS_INTERVAL_SECONDS: '0',
    WORKER_LOG_LEVEL: 'info',
    WORKER_ID: settings.workerId,
  };
}

/** Runs this CLI's own `wordfreq worker` with node, the way the loadtest command was started. */
export function wordfreqWorkerLaunch(env: Readonly<Record<string, string>>, bin: string = wordfreqBin()): WorkerLaunch {
  return { command: process.execPath, args: [bin, 'worker'], env };
}

/**
 * The `wordfreq` launcher of the package this module belongs to, found by walking up to its
 * package.json: the same from the bundle in dist/ and from the sources under src/.
 */
export function wordfreqBin(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@wordfreq/cli') {
      return join(dir, 'bin', 'wordfreq.js');
    }
  }
  throw new Error(`cannot find the @wordfreq/cli package above ${from}, so cannot start 'wordfreq worker'`);
}
