import { tmpdir } from 'node:os';
import { countMemoryPerJob } from '@wordfreq/core';
import { configProblems } from '@wordfreq/testing';
import { describe, expect, it } from 'vitest';
import { backupConfigFromEnv, jobsConfigFromEnv, milestoneConfigFromEnv, visitConfigFromEnv } from './lambda-config.js';

const region = { AWS_REGION: 'eu-west-1', AWS_LAMBDA_FUNCTION_NAME: 'wordfreq-fn' };

const problemsOf = (read: () => unknown): string[] => [...configProblems(read)];

/** The jobs function's required resources, nothing else set. */
const jobsEnv = {
  ...region,
  WORDFREQ_JOB_QUEUE: 'wordfreq-jobs',
  WORDFREQ_DEAD_LETTER_QUEUE: 'wordfreq-jobs-dlq',
  WORDFREQ_RESULTS_TABLE: 'wordfreq',
  WORDFREQ_RESULTS_QUEUE: 'wordfreq-results',
};

describe('handler configuration from the environment', () => {
  it('requires the resources each handler uses, listing all of them at once', () => {
    expect(problemsOf(() => jobsConfigFromEnv(region)).map((p) => p.split(' ')[0])).toEqual([
      'WORDFREQ_JOB_QUEUE',
      'WORDFREQ_DEAD_LETTER_QUEUE',
      'WORDFREQ_RESULTS_TABLE',
      'WORDFREQ_RESULTS_QUEUE',
    ]);
    expect(problemsOf(() => backupConfigFromEnv(region))).toEqual([
      'WORDFREQ_BACKUP_BUCKET is required: set it to bucket the uploads are copied to',
    ]);
    expect(problemsOf(() => visitConfigFromEnv({}))).toEqual([
      expect.stringMatching(/^WORDFREQ_COUNTERS_TABLE is required: set it to visit counters table/),
      'AWS_REGION is required: set it to the region of the buckets, queues and tables, e.g. us-east-1',
    ]);
  });

  it('says what is wrong with each bad value', () => {
    const problems = problemsOf(() =>
      jobsConfigFromEnv({
        ...region,
        WORDFREQ_JOB_QUEUE: 'jobs',
        WORDFREQ_DEAD_LETTER_QUEUE: 'none',
        WORDFREQ_RESULTS_TABLE: 'x',
        WORDFREQ_RESULTS_QUEUE: 'results',
        WORDFREQ_MAX_BYTES: 'lots',
        WORDFREQ_CONCURRENCY: '11',
        WORDFREQ_PRESET: 'fancy',
        WORDFREQ_LOG_LEVEL: 'loud',
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'WORDFREQ_DEAD_LETTER_QUEUE must name a queue: unreadable messages are moved there with their reason, never dropped',
        "WORDFREQ_MAX_BYTES must be a positive size in bytes such as 1048576, 512KiB or 64MiB, got 'lots'",
        'WORDFREQ_CONCURRENCY must be from 1 to 10, got 11',
        "WORDFREQ_PRESET must be one of unicode, classic, got 'fancy'",
        "WORDFREQ_LOG_LEVEL must be one of debug, info, warn, error, got 'loud'",
        expect.stringMatching(/^WORDFREQ_RESULTS_TABLE must be a DynamoDB table name .*got 'x'$/),
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('reads a complete jobs configuration with its defaults', () => {
    const config = jobsConfigFromEnv({
      ...region,
      AWS_LAMBDA_LOG_STREAM_NAME: '2024/01/01/[$LATEST]abc',
      WORDFREQ_JOB_QUEUE: 'wordfreq-jobs',
      WORDFREQ_DEAD_LETTER_QUEUE: 'wordfreq-jobs-dlq',
      WORDFREQ_RESULTS_TABLE: 'wordfreq',
      WORDFREQ_RESULTS_QUEUE: 'wordfreq-results',
      WORDFREQ_MAX_BYTES: '64MiB',
      WORDFREQ_JOB_DELAY_SECONDS: '10',
      WORDFREQ_PRESET: 'classic',
    });
    expect(config).toMatchObject({
      functionName: 'wordfreq-fn',
      logLevel: 'info',
      concurrency: 4,
      marginMs: 5_000,
      job: { count: { preset: 'classic', top: 10 }, maxBytes: 64 * 1024 * 1024, delayMs: 10_000, workerId: 'lambda:wordfreq-fn/2024/01/01/[$LATEST]abc' },
    });
    expect(config.aws.names).toMatchObject({ jobQueue: 'wordfreq-jobs', deadLetterQueue: 'wordfreq-jobs-dlq', resultsTable: 'wordfreq' });
  });

  it('reads the last receive before the redrive and the word-length cap, with their defaults and clear problems', () => {
    const env = jobsEnv;
    expect(jobsConfigFromEnv(env).job).toMatchObject({ maxReceives: 5, count: { maxWordBytes: 256 } });
    expect(jobsConfigFromEnv({ ...env, WORDFREQ_MAX_RECEIVES: '3', WORDFREQ_MAX_WORD_BYTES: '1024' }).job).toMatchObject({ maxReceives: 3, count: { maxWordBytes: 1024 } });
    expect(problemsOf(() => jobsConfigFromEnv({ ...env, WORDFREQ_MAX_RECEIVES: '0', WORDFREQ_MAX_WORD_BYTES: '100000' }))).toEqual([
      'WORDFREQ_MAX_WORD_BYTES must be from 1 to 65536, got 100000',
      'WORDFREQ_MAX_RECEIVES must be from 1 to 1000, got 0',
    ]);
  });

  it("shares the function's memory among its concurrent jobs and spills to /tmp within a quota, or nowhere", () => {
    const env = jobsEnv;
    const sized = jobsConfigFromEnv({ ...env, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048', WORDFREQ_CONCURRENCY: '2' });
    expect(sized.job.memoryBudgetBytes).toBe(countMemoryPerJob(2048 * 1024 * 1024, 2));
    expect(sized.spill).toEqual({ dir: tmpdir(), quotaBytes: 384 * 1024 * 1024 });
    const none = jobsConfigFromEnv({ ...env, WORDFREQ_SPILL_DIR: 'none' });
    expect(none.spill).toBeUndefined();
    expect(jobsConfigFromEnv({ ...env, WORDFREQ_SPILL_DIR: '/mnt/efs', WORDFREQ_SPILL_QUOTA_MB: '2000' }).spill).toEqual({ dir: '/mnt/efs', quotaBytes: 2000 * 1024 * 1024 });
  });

  it('reads the milestone settings: sorted unique thresholds, one sender, several recipients', () => {
    const config = milestoneConfigFromEnv({
      ...region,
      WORDFREQ_CLAIMS_TABLE: 'wordfreq-milestones',
      WORDFREQ_MILESTONES: '1_000_000, 500000,1000000',
      WORDFREQ_MAIL_FROM: 'noreply@mytravel.example',
      WORDFREQ_MAIL_TO: 'ana@mytravel.example, rui@mytravel.example',
      WORDFREQ_SITE_NAME: 'MyTravel PT',
    });
    expect(config.thresholds).toEqual([500_000, 1_000_000]);
    expect(config.mail).toEqual({ from: 'noreply@mytravel.example', to: ['ana@mytravel.example', 'rui@mytravel.example'], siteName: 'MyTravel PT', resumeAfterMs: 60_000 });
    expect(
      problemsOf(() =>
        milestoneConfigFromEnv({ ...region, WORDFREQ_CLAIMS_TABLE: 'claims', WORDFREQ_MILESTONES: '0,abc', WORDFREQ_MAIL_FROM: 'a@x.example,b@x.example', WORDFREQ_MAIL_TO: 'not-an-address' }),
      ),
    ).toEqual([
      "WORDFREQ_MILESTONES must be a comma-separated list of positive whole numbers such as 1000000, got '0,abc'",
      'WORDFREQ_MAIL_FROM must be one address, got 2',
      "WORDFREQ_MAIL_TO must be email addresses separated by commas, got 'not-an-address'",
    ]);
  });
});
