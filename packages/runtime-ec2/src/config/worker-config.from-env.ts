import { availableParallelism, hostname, tmpdir } from 'node:os';
import { awsNameProblem } from '@wordfreq/adapters-aws/shared';
import { logLevels } from '@wordfreq/observability';
import { defaultMaxWordBytes, defaultResourceNames, defaultResultMessageFormat, defaultResumeAfterMs, defaultTop, defaultWorkerMemoryBytes, EnvReader, maxWordBytesLimit, resultMessageFormats, s3BucketNameProblem, sqsLimits, workerBaseBytes, type Env, type Preset } from '@wordfreq/core';
import { defaultMilestoneSweepIntervalMs, defaultReadAhead, workerDefaults, type AdapterChoice, type WorkerConfig } from './worker-config.js';

export type { Env };

/** Command-line flags that override the environment (the daemon's and `wordfreq worker`'s). */
export interface WorkerFlags {
  readonly healthPort?: string;
}

/**
 * Every variable the worker reads, with what it means; used for `--help` and the unknown-variable
 * check. The first six are the Go sample's, with its meaning and defaults.
 */
const MiB = 1024 * 1024;

export const workerEnvVariables: Readonly<Record<string, string>> = {
  WORKER_QUEUE_URL: 'jobs queue URL (required with aws adapters)',
  WORKER_RESULT_QUEUE_URL: 'results queue URL (required with aws adapters)',
  WORKER_RESULT_TABLENAME: 'results table name (required with aws adapters)',
  WORKER_MESSAGE_VISIBILITY: `visibility timeout in seconds, extended at half of it (default ${workerDefaults.visibilitySeconds})`,
  WORKER_COUNT: 'jobs processed at once (default: number of CPUs)',
  WORKER_READ_AHEAD: 'messages held beyond WORKER_COUNT: received ahead, or finishing their save and publish (default: 2 x WORKER_COUNT, at most 10)',
  AWS_REGION: 'AWS region (required with aws adapters; AWS_DEFAULT_REGION also read)',
  WORKER_DEAD_LETTER_QUEUE_URL: 'dead-letter queue for unreadable messages (default: leave them to the redrive policy)',
  WORKER_WAIT_SECONDS: `long-poll wait per receive, 0-20 (default ${workerDefaults.waitSeconds})`,
  WORKER_MAX_BYTES: `largest object counted, e.g. 64MiB (default ${workerDefaults.maxBytes / 1024 ** 2}MiB)`,
  WORKER_JOB_DELAY_SECONDS: 'artificial delay per job, like the course\'s 10 (default 0)',
  WORKER_GRACE_SECONDS: `time in-flight jobs get after SIGTERM (default ${workerDefaults.gracePeriodMs / 1000})`,
  WORKER_METRICS_INTERVAL_SECONDS: `queue depth sampling for metrics, 0 = off (default ${workerDefaults.backlogIntervalMs / 1000})`,
  WORKER_LOG_LEVEL: 'debug, info, warn or error (default info)',
  WORKER_ADAPTERS: 'aws or memory (default aws)',
  WORKER_HEALTH_PORT: 'serve GET /health on this port (default: off; --health-port overrides)',
  WORKER_HEALTH_HOST: `interface for the health endpoint (default ${workerDefaults.healthHost})`,
  WORKER_ID: 'name of this worker in results and logs (default host:pid)',
  WORKER_PRESET: 'tokenizer: unicode or classic (the Go sample\'s rules) (default unicode)',
  WORKER_TOP: `how many top words to keep (default ${defaultTop})`,
  WORKER_RESULT_FORMAT: `results-queue JSON: wordfreq (ours) or go (exactly the Go sample's, for its consumers) (default ${defaultResultMessageFormat})`,
  WORKER_MEMORY_BUDGET_MB: `memory the worker may use, shared by its WORKER_COUNT jobs' counters (default ${defaultWorkerMemoryBytes / MiB}, for a 1 GiB instance)`,
  WORKER_SPILL_DIR: 'where a count over its memory budget spills, or none: such jobs then fail with TOO_MANY_WORDS (default: the temp directory)',
  WORKER_SPILL_QUOTA_MB: 'most MiB the jobs may spill at once (default: the disk\'s free space)',
  WORKER_MAIL_FROM: 'turns the milestone recovery sweep on: the sender verified in SES (default: off)',
  WORKER_MAIL_TO: 'milestone mail recipients, separated by commas (required with WORKER_MAIL_FROM)',
  WORKER_MILESTONES: 'the site-total thresholds, e.g. 1000000 (required with WORKER_MAIL_FROM)',
  WORKER_CLAIMS_TABLE: 'milestone claims table (required with WORKER_MAIL_FROM and aws adapters)',
  WORKER_COUNTERS_TABLE: 'visit counters table (required with WORKER_MAIL_FROM and aws adapters)',
  WORKER_SITE_NAME: 'site named in the milestone mail (default MyTravel)',
  WORKER_MAIL_RESUME_SECONDS: `age of an unsent claim before it is resent (default ${defaultResumeAfterMs / 1000})`,
  WORKER_MILESTONE_SWEEP_SECONDS: `how often the sweep runs (default ${defaultMilestoneSweepIntervalMs / 1000})`,
  WORKER_ALLOWED_BUCKETS: `buckets jobs may name, comma-separated; others are dead-lettered (default ${defaultResourceNames.bucket})`,
  WORKER_JOB_TIME_LIMIT_SECONDS: `a job running longer is aborted and released, freeing its slot; at most ${sqsLimits.maxVisibilitySeconds}, SQS's visibility cap (default ${workerDefaults.jobTimeLimitMs / 1000})`,
  WORKER_MAX_RECEIVES: `the jobs queue's maxReceiveCount: a job still failing on that receive is dead-lettered with its reason (default ${workerDefaults.maxReceives})`,
  WORKER_MAX_WORD_BYTES: `longest word counted, in UTF-8 bytes; 1-${maxWordBytesLimit}; longer tokens are skipped (default ${defaultMaxWordBytes})`,
  WORKER_REPUBLISH_SECONDS: `how often results saved but not published are sent again, 0 = only at start (default ${workerDefaults.republishIntervalMs / 1000})`,
};

const adapterChoices: readonly AdapterChoice[] = ['aws', 'memory'];
const presets: readonly Preset[] = ['unicode', 'classic'];
const queueUrlExpected = 'a queue URL like https://sqs.us-east-1.amazonaws.com/123456789012/jobs';

/**
 * Builds the worker's configuration from environment variables compatible with the Go sample's
 * worker. Throws one `ConfigError` listing every problem, each naming its variable.
 */
export function workerConfigFromEnv(env: Env, flags: WorkerFlags = {}): WorkerConfig {
  const read = new EnvReader(env);
  const adapters = read.oneOf('WORKER_ADAPTERS', adapterChoices, workerDefaults.adapters);
  const onAws = adapters === 'aws';

  // With the memory adapters the queues live in this process, so their URLs are only labels.
  const queueUrl = onAws ? read.httpUrl('WORKER_QUEUE_URL', read.required('WORKER_QUEUE_URL', 'the jobs queue URL'), queueUrlExpected) : read.raw('WORKER_QUEUE_URL');
  const resultQueueUrl = onAws
    ? read.httpUrl('WORKER_RESULT_QUEUE_URL', read.required('WORKER_RESULT_QUEUE_URL', 'the results queue URL'), queueUrlExpected)
    : read.raw('WORKER_RESULT_QUEUE_URL');
  const resultTable = onAws ? read.required('WORKER_RESULT_TABLENAME', 'the results table name (e.g. wordfreq)') : read.raw('WORKER_RESULT_TABLENAME');
  const tableProblem = resultTable === undefined ? undefined : awsNameProblem('table', resultTable);
  if (tableProblem !== undefined) read.problem('WORKER_RESULT_TABLENAME', tableProblem);
  const deadLetterQueueUrl = read.httpUrl('WORKER_DEAD_LETTER_QUEUE_URL', read.raw('WORKER_DEAD_LETTER_QUEUE_URL'), queueUrlExpected);
  const region = read.raw('AWS_REGION') ?? read.raw('AWS_DEFAULT_REGION');
  if (onAws && region === undefined) {
    read.problem('AWS_REGION', 'is required with aws adapters: set it to the region of the queues and table (on EC2 the user-data script reads it from the instance metadata)');
  } else if (region !== undefined) {
    const problem = awsNameProblem('region', region);
    if (problem !== undefined) read.problem('AWS_REGION', problem);
  }

  const visibilitySeconds = read.integer('WORKER_MESSAGE_VISIBILITY', workerDefaults.visibilitySeconds, 1, sqsLimits.maxVisibilitySeconds);
  const concurrency = read.integer('WORKER_COUNT', availableParallelism(), 1, 1000);
  const readAhead = read.integer('WORKER_READ_AHEAD', defaultReadAhead(concurrency), 0, 1000);
  const waitSeconds = read.integer('WORKER_WAIT_SECONDS', workerDefaults.waitSeconds, 0, 20);
  const maxBytes = read.bytes('WORKER_MAX_BYTES', workerDefaults.maxBytes);
  const jobDelayMs = read.secondsAsMs('WORKER_JOB_DELAY_SECONDS', workerDefaults.jobDelayMs, 3600);
  const gracePeriodMs = read.secondsAsMs('WORKER_GRACE_SECONDS', workerDefaults.gracePeriodMs, 3600, { positive: true });
  const backlogIntervalMs = read.secondsAsMs('WORKER_METRICS_INTERVAL_SECONDS', workerDefaults.backlogIntervalMs, 86_400);
  const logLevel = read.oneOf('WORKER_LOG_LEVEL', logLevels, workerDefaults.logLevel);
  const healthPort = flags.healthPort !== undefined
    ? read.integer('--health-port', 0, 0, 65_535, flags.healthPort.trim())
    : read.raw('WORKER_HEALTH_PORT') === undefined ? undefined : read.integer('WORKER_HEALTH_PORT', 0, 0, 65_535);
  const healthHost = read.raw('WORKER_HEALTH_HOST') ?? workerDefaults.healthHost;
  const workerId = read.raw('WORKER_ID') ?? `${hostname()}:${process.pid}`;
  const preset = read.oneOf('WORKER_PRESET', presets, 'unicode');
  const top = read.integer('WORKER_TOP', defaultTop, 1, 1000);
  const maxWordBytes = read.integer('WORKER_MAX_WORD_BYTES', defaultMaxWordBytes, 1, maxWordBytesLimit);
  const jobTimeLimitMs = read.secondsAsMs('WORKER_JOB_TIME_LIMIT_SECONDS', workerDefaults.jobTimeLimitMs, sqsLimits.maxVisibilitySeconds, { positive: true });
  if (jobTimeLimitMs <= jobDelayMs) {
    read.problem('WORKER_JOB_TIME_LIMIT_SECONDS', `must be longer than WORKER_JOB_DELAY_SECONDS (${jobDelayMs / 1000}), or every job runs past its limit`);
  }
  const maxReceives = read.integer('WORKER_MAX_RECEIVES', workerDefaults.maxReceives, 1, sqsLimits.maxReceiveCount);
  const republishIntervalMs = read.secondsAsMs('WORKER_REPUBLISH_SECONDS', workerDefaults.republishIntervalMs, 86_400);
  const resultFormat = read.oneOf('WORKER_RESULT_FORMAT', resultMessageFormats, defaultResultMessageFormat);
  const memoryBudgetBytes = read.integer('WORKER_MEMORY_BUDGET_MB', defaultWorkerMemoryBytes / MiB, workerBaseBytes / MiB + 1, 1 << 22) * MiB;
  const spillSetting = read.raw('WORKER_SPILL_DIR');
  const spillDir = spillSetting === undefined ? tmpdir() : spillSetting.toLowerCase() === 'none' ? undefined : spillSetting;
  const spillQuotaBytes = read.raw('WORKER_SPILL_QUOTA_MB') === undefined ? undefined : read.integer('WORKER_SPILL_QUOTA_MB', 0, 1, 1 << 30) * MiB;
  const milestones = read.raw('WORKER_MAIL_FROM') === undefined ? undefined : milestonesFromEnv(read, onAws);
  const allowedBuckets = (read.raw('WORKER_ALLOWED_BUCKETS') ?? defaultResourceNames.bucket).split(',').map((b) => b.trim()).filter(Boolean);
  for (const name of allowedBuckets) {
    const problem = s3BucketNameProblem(name);
    if (problem) read.problem('WORKER_ALLOWED_BUCKETS', `"${name}" ${problem}`);
  }
  if (allowedBuckets.length === 0) read.problem('WORKER_ALLOWED_BUCKETS', 'must name at least one bucket');

  read.throwIfProblems();
  return {
    adapters,
    region,
    queueUrl: queueUrl ?? 'memory://jobs',
    resultQueueUrl: resultQueueUrl ?? 'memory://results',
    resultTable: resultTable ?? 'wordfreq',
    deadLetterQueueUrl,
    visibilitySeconds,
    concurrency,
    readAhead,
    waitSeconds,
    maxBytes,
    jobDelayMs,
    gracePeriodMs,
    backlogIntervalMs,
    logLevel,
    healthPort,
    healthHost,
    workerId,
    count: { preset, top, maxWordBytes },
    resultFormat,
    memoryBudgetBytes,
    ...(spillDir === undefined ? {} : { spillDir }),
    ...(spillQuotaBytes === undefined ? {} : { spillQuotaBytes }),
    allowedBuckets,
    jobTimeLimitMs,
    maxReceives,
    republishIntervalMs,
    ...(milestones ? { milestones } : {}),
  };
}

/** The milestone sweep's settings, named as the milestone Lambda's (WORDFREQ_MAIL_* there). */
function milestonesFromEnv(read: EnvReader, onAws: boolean): WorkerConfig['milestones'] & { claimsTable?: string; countersTable?: string } {
  const from = read.emails('WORKER_MAIL_FROM', 'the sender address verified in SES');
  if (from.length > 1) read.problem('WORKER_MAIL_FROM', `must be one address, got ${from.length}`);
  const to = read.emails('WORKER_MAIL_TO', 'the recipients, separated by commas');
  const thresholds = read.positiveIntegers('WORKER_MILESTONES', 'the site-total thresholds, e.g. 1000000');
  const claimsTable = onAws ? read.required('WORKER_CLAIMS_TABLE', 'the milestone claims table') : read.raw('WORKER_CLAIMS_TABLE');
  const countersTable = onAws ? read.required('WORKER_COUNTERS_TABLE', 'the visit counters table') : read.raw('WORKER_COUNTERS_TABLE');
  const siteName = read.raw('WORKER_SITE_NAME');
  const resumeAfterMs = read.secondsAsMs('WORKER_MAIL_RESUME_SECONDS', defaultResumeAfterMs, 86_400);
  const sweepIntervalMs = read.secondsAsMs('WORKER_MILESTONE_SWEEP_SECONDS', defaultMilestoneSweepIntervalMs, 86_400, { positive: true });
  return {
    thresholds,
    mail: { from: from[0] ?? '', to, resumeAfterMs, ...(siteName === undefined ? {} : { siteName }) },
    sweepIntervalMs,
    ...(claimsTable === undefined ? {} : { claimsTable }),
    ...(countersTable === undefined ? {} : { countersTable }),
  };
}

/** `WORKER_*` variables the worker does not know: usually typos worth a warning at start. */
export function unknownWorkerVariables(env: Env): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('WORKER_') && !Object.hasOwn(workerEnvVariables, name))
    .sort();
}
