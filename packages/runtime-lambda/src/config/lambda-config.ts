import { tmpdir } from 'node:os';
import { awsConfigFromEnv, type AwsAdaptersConfig } from '@wordfreq/adapters-aws/shared';
import { logLevels } from '@wordfreq/observability';
import { countMemoryPerJob, defaultCorpusPartBytes, defaultMaxBytes, defaultMaxReceiveCount, defaultMaxWordBytes, defaultResultMessageFormat, maxWordBytesLimit, resultMessageFormats, sqsLimits, defaultResourceNames, defaultPhotoUploadPolicy, defaultResumeAfterMs, defaultTop, EnvReader, s3BucketNameProblem, type Env, type LogLevel, type PhotoUploadPolicy, type MilestoneMailOptions, type Preset, type ProcessJobOptions } from '@wordfreq/core';

/** What every handler needs: where its AWS resources are, how much to log, who it is. */
export interface LambdaConfig {
  readonly aws: AwsAdaptersConfig;
  readonly logLevel: LogLevel;
  /** AWS_LAMBDA_FUNCTION_NAME (set by Lambda), for logs and result rows. */
  readonly functionName: string;
}

export interface JobsLambdaConfig extends LambdaConfig {
  readonly job: Omit<ProcessJobOptions, 'signal'> & { readonly allowedBuckets: readonly string[]; readonly maxReceives: number };
  readonly concurrency: number;
  readonly marginMs: number;
  /** Scratch space for counts over their memory budget; none: such jobs fail with TOO_MANY_WORDS. */
  readonly spill?: { readonly dir: string; readonly quotaBytes: number };
}

export interface BackupLambdaConfig extends LambdaConfig {
  readonly backupBucket: string;
}

export type VisitLambdaConfig = LambdaConfig;

export interface PostsLambdaConfig extends LambdaConfig {
  readonly posts: { readonly bucket: string; readonly siteOrigin: string; readonly policy: PhotoUploadPolicy };
}

/** The corpus functions (issue 15): each keeps its run's files in the work bucket. */
export interface CorpusLambdaConfig extends LambdaConfig {
  readonly workBucket: string;
}

export interface CorpusPlanLambdaConfig extends CorpusLambdaConfig {
  readonly allowedBuckets: readonly string[];
  /** Target bytes per part (core's planCorpus). */
  readonly partBytes: number;
  /** Partial counts one reduce merges; more parts than this add a level of merges. */
  readonly fanIn: number;
  /** Largest manifest item (a part) in bytes: a batch of them must fit a child execution's 256 KiB input. */
  readonly itemBytes: number;
}

export interface CorpusMapLambdaConfig extends CorpusLambdaConfig {
  readonly allowedBuckets: readonly string[];
  readonly count: { readonly preset: Preset };
}

export interface CorpusReduceLambdaConfig extends CorpusLambdaConfig {
  readonly top: number;
  readonly workerId: string;
  /** Reduce what was counted when parts are missing (the Map tolerated failures), instead of failing. */
  readonly allowMissingParts: boolean;
}

export interface MilestoneLambdaConfig extends LambdaConfig {
  readonly thresholds: readonly number[];
  readonly mail: MilestoneMailOptions;
}

/**
 * Every variable a handler reads, with its meaning; the README's tables are written from these.
 * Resource names are the AWS adapters' `WORDFREQ_*` variables; a handler requires the ones it uses to
 * be set, rather than falling back to the adapters' default names: bucket names are global, and a
 * function quietly writing to somebody's `wordfreq-backup` is worse than one that refuses to start.
 */
const MiB = 1024 * 1024;
/** Of Lambda's default 512 MB of /tmp, what a job may spill; the rest stays free for the runtime. */
const defaultSpillQuotaMiB = 384;
/** Partials per reduce: 64 partials of a 128 MiB part (~0.2-2 MB each) merge in seconds in 3 GB. */
export const defaultCorpusFanIn = 64;
/** Four such items, the construct's batch, fit the 240 KiB it allows a batch. */
export const defaultCorpusItemBytes = 60 * 1024;

export const lambdaEnvVariables = {
  common: {
    AWS_REGION: 'set by Lambda',
    WORDFREQ_LOG_LEVEL: 'debug, info, warn or error (default info)',
    WORDFREQ_METRICS_NAMESPACE: 'CloudWatch namespace of the EMF metrics (default WordFreq)',
  },
  jobs: {
    WORDFREQ_JOB_QUEUE: 'the jobs queue this function is subscribed to, name or URL (required: releases and dead-lettering use it)',
    WORDFREQ_DEAD_LETTER_QUEUE: 'where unreadable messages go with their reason, name or URL (required)',
    WORDFREQ_RESULTS_TABLE: 'results table, partition key Filename (required)',
    WORDFREQ_RESULTS_QUEUE: 'results queue, name or URL (required)',
    WORDFREQ_MAX_BYTES: `largest object counted, e.g. 64MiB; bigger ones get a TOO_LARGE result (default ${defaultMaxBytes / 1024 ** 2}MiB)`,
    WORDFREQ_JOB_DELAY_SECONDS: "artificial delay per job, like the course's 10 (default 0)",
    WORDFREQ_PRESET: "tokenizer: unicode or classic (the Go sample's rules) (default unicode)",
    WORDFREQ_TOP: `how many top words to keep (default ${defaultTop})`,
    WORDFREQ_CONCURRENCY: 'records of a batch processed at once, 1-10 (default 4)',
    WORDFREQ_TIME_MARGIN_SECONDS: 'time kept back before the timeout to release unfinished work (default 5)',
    WORDFREQ_SPILL_DIR: 'where a count over its memory budget (the function\'s memory shared by WORDFREQ_CONCURRENCY jobs) spills, or none: such jobs fail with TOO_MANY_WORDS (default /tmp)',
    WORDFREQ_SPILL_QUOTA_MB: `most MiB spilled at once; past it the job fails with TOO_MANY_WORDS (default ${defaultSpillQuotaMiB}, of Lambda's default 512 MB of /tmp)`,
    WORDFREQ_ALLOWED_BUCKETS: 'buckets jobs may name, comma-separated; others are dead-lettered with the reason (default: WORDFREQ_BUCKET, the uploads bucket)',
    WORDFREQ_MAX_RECEIVES: `the jobs queue's maxReceiveCount (set them equal): a job still failing on that receive is dead-lettered with its reason, 1-${sqsLimits.maxReceiveCount} (default ${defaultMaxReceiveCount})`,
    WORDFREQ_MAX_WORD_BYTES: `longest word counted, in UTF-8 bytes, 1-${maxWordBytesLimit}; longer tokens are skipped (default ${defaultMaxWordBytes})`,
    WORDFREQ_RESULT_FORMAT: `results-queue JSON: wordfreq (ours) or go (exactly the Go sample's, for its consumers) (default ${defaultResultMessageFormat})`,
  },
  backup: {
    WORDFREQ_BACKUP_BUCKET: 'bucket the uploads are copied to (required; not the bucket that triggers the function)',
  },
  visit: {
    WORDFREQ_COUNTERS_TABLE: 'visit counters table, partition key Counter, stream NEW_AND_OLD_IMAGES (required)',
  },
  posts: {
    WORDFREQ_BUCKET: "the forum's primary bucket, holding posts/<id>/post.json and posts/<id>/photo (required)",
    WORDFREQ_SITE_ORIGIN: 'the only origin CORS answers, e.g. https://mytravel.example (required)',
    WORDFREQ_MAX_PHOTO_BYTES: 'largest photo the presigned POST allows, e.g. 10MiB (default 10MiB)',
    WORDFREQ_UPLOAD_SECONDS: 'how long a presigned POST stays valid (default 600)',
  },
  corpus: {
    WORDFREQ_CORPUS_BUCKET: 'corpus functions: the work bucket of corpus runs, their manifests and partial counts under corpus-runs/ (required)',
    WORDFREQ_CORPUS_PART_MB: `corpus-plan: target MiB per part (default ${defaultCorpusPartBytes / MiB})`,
    WORDFREQ_CORPUS_FAN_IN: `corpus-plan: partial counts one reduce merges, 2-1000; more parts add a level of merges (default ${defaultCorpusFanIn})`,
    WORDFREQ_CORPUS_ITEM_BYTES: `corpus-plan: largest manifest item (a part) in bytes; objects per part are limited to fit (default ${defaultCorpusItemBytes})`,
    WORDFREQ_CORPUS_ALLOW_MISSING_PARTS: 'corpus-reduce: true to reduce the parts counted when the Map tolerated failures (default false: a missing part fails the run)',
  },
  milestone: {
    WORDFREQ_CLAIMS_TABLE: 'milestone claims table, partition key Threshold (N) (required)',
    WORDFREQ_MILESTONES: 'site-total thresholds that trigger the mail, comma-separated, e.g. 1000000 (required)',
    WORDFREQ_MAIL_FROM: 'sender address, verified in SES (required)',
    WORDFREQ_MAIL_TO: 'recipients, comma-separated (required)',
    WORDFREQ_SITE_NAME: 'named in the mail (default MyTravel)',
    WORDFREQ_MAIL_RESUME_SECONDS: `age after which an unsent claim is sent again by its own claimant (default ${defaultResumeAfterMs / 1000})`,
  },
} as const;

const presets: readonly Preset[] = ['unicode', 'classic'];


export function jobsConfigFromEnv(env: Env): JobsLambdaConfig {
  return build(env, ['WORDFREQ_JOB_QUEUE', 'WORDFREQ_DEAD_LETTER_QUEUE', 'WORDFREQ_RESULTS_TABLE', 'WORDFREQ_RESULTS_QUEUE'], (read, common) => {
    if (read.raw('WORDFREQ_DEAD_LETTER_QUEUE')?.toLowerCase() === 'none') {
      read.problem('WORDFREQ_DEAD_LETTER_QUEUE', 'must name a queue: unreadable messages are moved there with their reason, never dropped');
    }
    const delayMs = read.secondsAsMs('WORDFREQ_JOB_DELAY_SECONDS', 0, 900);
    const concurrency = read.integer('WORDFREQ_CONCURRENCY', 4, 1, 10);
    // Lambda says how much memory the function has; its jobs share it as a worker's jobs do.
    const memoryBytes = read.integer('AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 1024, 128, 10_240) * MiB;
    const spillDir = read.raw('WORDFREQ_SPILL_DIR') ?? tmpdir();
    const spillQuotaBytes = read.integer('WORDFREQ_SPILL_QUOTA_MB', defaultSpillQuotaMiB, 1, 10_240) * MiB;
    const resultFormat = read.oneOf('WORDFREQ_RESULT_FORMAT', resultMessageFormats, defaultResultMessageFormat);
    return {
      aws: { ...common.aws, resultFormat },
      job: {
        count: {
          preset: read.oneOf('WORDFREQ_PRESET', presets, 'unicode'),
          top: read.integer('WORDFREQ_TOP', defaultTop, 1, 1000),
          maxWordBytes: read.integer('WORDFREQ_MAX_WORD_BYTES', defaultMaxWordBytes, 1, maxWordBytesLimit),
        },
        maxBytes: read.bytes('WORDFREQ_MAX_BYTES', defaultMaxBytes),
        // The log stream names one execution environment: as close to "which worker" as Lambda gets.
        workerId: `lambda:${common.functionName}${env.AWS_LAMBDA_LOG_STREAM_NAME ? `/${env.AWS_LAMBDA_LOG_STREAM_NAME}` : ''}`,
        ...(delayMs > 0 ? { delayMs } : {}),
        memoryBudgetBytes: countMemoryPerJob(memoryBytes, concurrency),
        allowedBuckets: allowedBuckets(read, common.aws.names?.bucket ?? defaultResourceNames.bucket),
        maxReceives: read.integer('WORDFREQ_MAX_RECEIVES', defaultMaxReceiveCount, 1, sqsLimits.maxReceiveCount),
      },
      concurrency,
      marginMs: read.secondsAsMs('WORDFREQ_TIME_MARGIN_SECONDS', 5_000, 300),
      ...(spillDir.toLowerCase() === 'none' ? {} : { spill: { dir: spillDir, quotaBytes: spillQuotaBytes } }),
    };
  });
}

function allowedBuckets(read: EnvReader, uploads: string): string[] {
  const names = (read.raw('WORDFREQ_ALLOWED_BUCKETS') ?? uploads).split(',').map((b) => b.trim()).filter(Boolean);
  for (const name of names) {
    const problem = s3BucketNameProblem(name);
    if (problem) read.problem('WORDFREQ_ALLOWED_BUCKETS', `"${name}" ${problem}`);
  }
  if (names.length === 0) read.problem('WORDFREQ_ALLOWED_BUCKETS', 'must name at least one bucket');
  return names;
}

export function backupConfigFromEnv(env: Env): BackupLambdaConfig {
  return build(env, ['WORDFREQ_BACKUP_BUCKET'], (_read, common) => ({ backupBucket: common.aws.names.backupBucket }));
}

export function visitConfigFromEnv(env: Env): VisitLambdaConfig {
  return build(env, ['WORDFREQ_COUNTERS_TABLE'], () => ({}));
}

export function postsConfigFromEnv(env: Env): PostsLambdaConfig {
  return build(env, ['WORDFREQ_BUCKET', 'WORDFREQ_SITE_ORIGIN'], (read, common) => {
    const origin = read.raw('WORDFREQ_SITE_ORIGIN') ?? '';
    if (origin !== '' && !/^https?:\/\/[^/\s]+$/.test(origin)) read.problem('WORDFREQ_SITE_ORIGIN', `must be an origin such as https://mytravel.example (scheme and host, no path), got ${JSON.stringify(origin)}`);
    const policy: PhotoUploadPolicy = {
      ...defaultPhotoUploadPolicy,
      maxBytes: read.bytes('WORDFREQ_MAX_PHOTO_BYTES', defaultPhotoUploadPolicy.maxBytes),
      expiresSeconds: read.integer('WORDFREQ_UPLOAD_SECONDS', defaultPhotoUploadPolicy.expiresSeconds, 30, 7 * 24 * 3600),
    };
    return { posts: { bucket: common.aws.names.bucket, siteOrigin: origin, policy } };
  });
}

export function corpusPlanConfigFromEnv(env: Env): CorpusPlanLambdaConfig {
  return build(env, ['WORDFREQ_CORPUS_BUCKET'], (read, common) => ({
    workBucket: workBucket(read),
    allowedBuckets: allowedBuckets(read, common.aws.names?.bucket ?? defaultResourceNames.bucket),
    partBytes: read.integer('WORDFREQ_CORPUS_PART_MB', defaultCorpusPartBytes / MiB, 1, 10_240) * MiB,
    fanIn: read.integer('WORDFREQ_CORPUS_FAN_IN', defaultCorpusFanIn, 2, 1000),
    itemBytes: read.integer('WORDFREQ_CORPUS_ITEM_BYTES', defaultCorpusItemBytes, 4096, 256 * 1024),
  }));
}

export function corpusMapConfigFromEnv(env: Env): CorpusMapLambdaConfig {
  return build(env, ['WORDFREQ_CORPUS_BUCKET'], (read, common) => ({
    workBucket: workBucket(read),
    allowedBuckets: allowedBuckets(read, common.aws.names?.bucket ?? defaultResourceNames.bucket),
    count: { preset: read.oneOf('WORDFREQ_PRESET', presets, 'unicode') },
  }));
}

export function corpusReduceConfigFromEnv(env: Env): CorpusReduceLambdaConfig {
  return build(env, ['WORDFREQ_CORPUS_BUCKET', 'WORDFREQ_RESULTS_TABLE', 'WORDFREQ_RESULTS_QUEUE'], (read, common) => ({
    workBucket: workBucket(read),
    top: read.integer('WORDFREQ_TOP', defaultTop, 1, 1000),
    workerId: `lambda:${common.functionName}`,
    allowMissingParts: read.oneOf('WORDFREQ_CORPUS_ALLOW_MISSING_PARTS', ['true', 'false'], 'false') === 'true',
  }));
}

function workBucket(read: EnvReader): string {
  const name = read.raw('WORDFREQ_CORPUS_BUCKET') ?? '';
  const problem = name === '' ? undefined : s3BucketNameProblem(name);
  if (problem) read.problem('WORDFREQ_CORPUS_BUCKET', `"${name}" ${problem}`);
  return name;
}

export function milestoneConfigFromEnv(env: Env): MilestoneLambdaConfig {
  return build(env, ['WORDFREQ_CLAIMS_TABLE'], (read) => {
    const thresholds = read.positiveIntegers('WORDFREQ_MILESTONES', 'the site-total thresholds, e.g. 1000000');
    const from = read.emails('WORDFREQ_MAIL_FROM', 'the sender address verified in SES');
    if (from.length > 1) read.problem('WORDFREQ_MAIL_FROM', `must be one address, got ${from.length}`);
    const to = read.emails('WORDFREQ_MAIL_TO', 'the recipients, separated by commas');
    const siteName = read.raw('WORDFREQ_SITE_NAME');
    const resumeAfterMs = read.secondsAsMs('WORDFREQ_MAIL_RESUME_SECONDS', defaultResumeAfterMs, 86_400);
    return { thresholds, mail: { from: from[0] ?? '', to, resumeAfterMs, ...(siteName === undefined ? {} : { siteName }) } };
  });
}

/**
 * Reads the common settings, the handler's required resource variables and its own settings, and
 * throws one ConfigError listing every problem found (those of the AWS adapters' variables included).
 */
function build<T extends object>(env: Env, required: readonly string[], own: (read: EnvReader, common: LambdaConfig) => T): LambdaConfig & T {
  const read = new EnvReader(env);
  for (const name of required) read.required(name, describe(name));
  const aws = read.collect(() => awsConfigFromEnv(env));
  const common: LambdaConfig = {
    aws: aws ?? ({ region: '', names: {} } as unknown as AwsAdaptersConfig),
    logLevel: read.oneOf('WORDFREQ_LOG_LEVEL', logLevels, 'info'),
    functionName: env.AWS_LAMBDA_FUNCTION_NAME?.trim() || 'wordfreq',
  };
  const specific = own(read, common);
  read.throwIfProblems();
  return { ...common, ...specific };
}

function describe(name: string): string {
  for (const group of Object.values(lambdaEnvVariables)) {
    const text = (group as Record<string, string>)[name];
    if (text !== undefined) return text.replace(/ \(required[^)]*\)$/, '');
  }
  return 'a value';
}
