import { awsConfigFromEnv, type AwsAdaptersConfig } from '@wordfreq/adapters-aws';
import { EnvReader, type Env } from '@wordfreq/core';

/**
 * The EC2 worker's variables (the Go sample's names) that mean the same as a `WORDFREQ_*` one, so the
 * environment file written for a worker also points the CLI at the same queues and table.
 */
export const workerVariableAliases = {
  WORDFREQ_JOB_QUEUE: 'WORKER_QUEUE_URL',
  WORDFREQ_RESULTS_QUEUE: 'WORKER_RESULT_QUEUE_URL',
  WORDFREQ_RESULTS_TABLE: 'WORKER_RESULT_TABLENAME',
  WORDFREQ_DEAD_LETTER_QUEUE: 'WORKER_DEAD_LETTER_QUEUE_URL',
} as const;

/**
 * The CLI's AWS configuration: the AWS adapters' own `awsConfigFromEnv` (AWS_REGION, WORDFREQ_*;
 * endpoints from the SDK's AWS_ENDPOINT_URL* variables), with each `WORDFREQ_*` name falling back to
 * its worker alias when unset. Throws the adapters' ConfigError listing every problem.
 */
export function cliAwsConfig(env: Env): AwsAdaptersConfig {
  const read = new EnvReader(env);
  const merged: Record<string, string | undefined> = { ...env };
  for (const [variable, alias] of Object.entries(workerVariableAliases)) {
    if (read.raw(variable) === undefined && read.raw(alias) !== undefined) merged[variable] = read.raw(alias);
  }
  return awsConfigFromEnv(merged);
}
