import { EnvReader, type Env } from '@wordfreq/core';
import { defaultAwsResourceNames, type AwsAdaptersConfig, type AwsResourceNames } from './aws-config.js';
import { awsNameProblem, type AwsNameKind } from './aws-name-rules.js';
import { minimumPartBytes } from '../s3/s3-part-size.js';

export type { Env };

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

/**
 * The AWS adapters' configuration from environment variables (see `awsEnvVariables`). Endpoints are
 * not read here: the SDK itself honours `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`, and
 * credentials come from its default chain. Blank values count as unset. Every problem is collected
 * and thrown together in one ConfigError, each naming its variable and what to set.
 */
export function awsConfigFromEnv(env: Env): AwsAdaptersConfig {
  const reader = new EnvReader(env);
  const read = (variable: string) => reader.raw(variable);

  const regionValue = read('AWS_REGION') ?? read('AWS_DEFAULT_REGION');
  if (regionValue === undefined) reader.problem('AWS_REGION', 'is required: set it to the region of the buckets, queues and tables, e.g. us-east-1');
  else {
    const problem = awsNameProblem('region', regionValue);
    if (problem !== undefined) reader.problem('AWS_REGION', problem);
  }

  const name = (key: keyof AwsResourceNames, kind: AwsNameKind): string => {
    const variable = nameVariables[key];
    const value = read(variable) ?? defaultAwsResourceNames[key];
    const problem = awsNameProblem(kind, value);
    if (problem !== undefined) reader.problem(variable, problem);
    return value;
  };

  const deadLetter = read(nameVariables.deadLetterQueue);
  const names: AwsResourceNames = {
    bucket: name('bucket', 'bucket'),
    backupBucket: name('backupBucket', 'bucket'),
    jobQueue: name('jobQueue', 'queue'),
    ...(deadLetter?.toLowerCase() === 'none' ? {} : { deadLetterQueue: name('deadLetterQueue', 'queue') }),
    resultsQueue: name('resultsQueue', 'queue'),
    resultsTable: name('resultsTable', 'table'),
    countersTable: name('countersTable', 'table'),
    claimsTable: name('claimsTable', 'table'),
  };

  let multipartThresholdBytes: number | undefined;
  const threshold = read('WORDFREQ_MULTIPART_THRESHOLD_BYTES');
  if (threshold !== undefined) {
    multipartThresholdBytes = Number(threshold);
    if (!/^\d+$/.test(threshold) || !Number.isSafeInteger(multipartThresholdBytes) || multipartThresholdBytes < minimumPartBytes) {
      reader.problem('WORDFREQ_MULTIPART_THRESHOLD_BYTES', `must be a whole number of bytes >= ${minimumPartBytes} (S3's minimum part size), got '${threshold}'`);
    }
  }
  const namespace = read('WORDFREQ_METRICS_NAMESPACE');
  if (namespace !== undefined && (namespace.length > 255 || namespace.startsWith('AWS/'))) {
    reader.problem('WORDFREQ_METRICS_NAMESPACE', `must be at most 255 characters and not start with AWS/, got '${namespace}'`);
  }

  reader.throwIfProblems();
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
