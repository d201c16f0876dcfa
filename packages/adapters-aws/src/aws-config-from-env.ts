import { ConfigError } from '@wordfreq/core';
import { defaultAwsResourceNames, type AwsAdaptersConfig, type AwsResourceNames } from './aws-config.js';
import { minimumPartBytes } from './s3-object-store.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The variables `awsConfigFromEnv` reads, with what they mean (for help texts). */
export const awsEnvVariables = {
  AWS_REGION: 'AWS region, e.g. us-east-1 (required; AWS_DEFAULT_REGION is read too)',
  WORDFREQ_BUCKET: `uploads bucket (default ${defaultAwsResourceNames.bucket})`,
  WORDFREQ_BACKUP_BUCKET: `backup bucket (default ${defaultAwsResourceNames.backupBucket})`,
  WORDFREQ_JOB_QUEUE: `jobs queue name or URL (default ${defaultAwsResourceNames.jobQueue})`,
  WORDFREQ_DEAD_LETTER_QUEUE: `dead-letter queue name or URL, or "none" (default ${defaultAwsResourceNames.deadLetterQueue})`,
  WORDFREQ_RESULTS_QUEUE: `results queue name or URL (default ${defaultAwsResourceNames.resultsQueue})`,
  WORDFREQ_RESULTS_TABLE: `results table (default ${defaultAwsResourceNames.resultsTable})`,
  WORDFREQ_COUNTERS_TABLE: `visit counters table (default ${defaultAwsResourceNames.countersTable})`,
  WORDFREQ_CLAIMS_TABLE: `milestone claims table (default ${defaultAwsResourceNames.claimsTable})`,
  WORDFREQ_MULTIPART_THRESHOLD_BYTES: 'uploads above this many bytes go multipart (default 16777216, minimum 5242880)',
  WORDFREQ_METRICS_NAMESPACE: 'CloudWatch namespace of the embedded metrics (default WordFreq)',
} as const;

const nameVariables: Readonly<Record<keyof AwsResourceNames, keyof typeof awsEnvVariables>> = {
  bucket: 'WORDFREQ_BUCKET',
  backupBucket: 'WORDFREQ_BACKUP_BUCKET',
  jobQueue: 'WORDFREQ_JOB_QUEUE',
  deadLetterQueue: 'WORDFREQ_DEAD_LETTER_QUEUE',
  resultsQueue: 'WORDFREQ_RESULTS_QUEUE',
  resultsTable: 'WORDFREQ_RESULTS_TABLE',
  countersTable: 'WORDFREQ_COUNTERS_TABLE',
  claimsTable: 'WORDFREQ_CLAIMS_TABLE',
};

const region = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const queueName = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const queueUrl = /^https?:\/\/[^\s/]+\/[^\s/]+\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const tableName = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * The AWS adapters' configuration from environment variables (see `awsEnvVariables`). Endpoints are
 * not read here: the SDK itself honours `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`, and
 * credentials come from its default chain. Blank values count as unset. Every problem is collected
 * and thrown together in one ConfigError, each naming its variable and what to set.
 */
export function awsConfigFromEnv(env: Env): AwsAdaptersConfig {
  const problems: string[] = [];
  const read = (variable: string): string | undefined => {
    const value = env[variable]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const regionValue = read('AWS_REGION') ?? read('AWS_DEFAULT_REGION');
  if (regionValue === undefined) problems.push('AWS_REGION is required: set it to the region of the buckets, queues and tables, e.g. us-east-1');
  else if (!region.test(regionValue)) problems.push(`AWS_REGION must be a region name like us-east-1, got '${regionValue}'`);

  const name = (key: keyof AwsResourceNames, check: (value: string) => string | undefined): string => {
    const variable = nameVariables[key];
    const value = read(variable) ?? defaultAwsResourceNames[key];
    const problem = check(value);
    if (problem !== undefined) problems.push(`${variable} ${problem}, got '${value}'`);
    return value;
  };
  const bucket = (value: string) =>
    bucketName.test(value) && !value.includes('..') ? undefined : 'must be an S3 bucket name (3-63 of a-z 0-9 . -, starting and ending with a letter or digit)';
  const queue = (value: string) =>
    queueName.test(value) || queueUrl.test(value) ? undefined : 'must be an SQS queue name (1-80 of A-Z a-z 0-9 _ -, optional .fifo) or queue URL';
  const table = (value: string) => (tableName.test(value) ? undefined : 'must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)');

  const deadLetter = read(nameVariables.deadLetterQueue);
  const names: AwsResourceNames = {
    bucket: name('bucket', bucket),
    backupBucket: name('backupBucket', bucket),
    jobQueue: name('jobQueue', queue),
    ...(deadLetter?.toLowerCase() === 'none' ? {} : { deadLetterQueue: name('deadLetterQueue', queue) }),
    resultsQueue: name('resultsQueue', queue),
    resultsTable: name('resultsTable', table),
    countersTable: name('countersTable', table),
    claimsTable: name('claimsTable', table),
  };

  let multipartThresholdBytes: number | undefined;
  const threshold = read('WORDFREQ_MULTIPART_THRESHOLD_BYTES');
  if (threshold !== undefined) {
    multipartThresholdBytes = Number(threshold);
    if (!/^\d+$/.test(threshold) || !Number.isSafeInteger(multipartThresholdBytes) || multipartThresholdBytes < minimumPartBytes) {
      problems.push(`WORDFREQ_MULTIPART_THRESHOLD_BYTES must be a whole number of bytes >= ${minimumPartBytes} (S3's minimum part size), got '${threshold}'`);
    }
  }
  const namespace = read('WORDFREQ_METRICS_NAMESPACE');
  if (namespace !== undefined && (namespace.length > 255 || namespace.startsWith('AWS/'))) {
    problems.push(`WORDFREQ_METRICS_NAMESPACE must be at most 255 characters and not start with AWS/, got '${namespace}'`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    region: regionValue as string,
    names,
    ...(multipartThresholdBytes === undefined ? {} : { multipartThresholdBytes }),
    ...(namespace === undefined ? {} : { metrics: { namespace } }),
  };
}

/** The `WORDFREQ_*` variables that make `awsConfigFromEnv` yield `names` (for `npm run local` and tests). */
export function envForAwsNames(names: AwsResourceNames): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, variable] of Object.entries(nameVariables) as [keyof AwsResourceNames, string][]) {
    env[variable] = names[key] ?? 'none';
  }
  return env;
}
