import { configProblems } from '@wordfreq/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAwsResourceNames } from './aws-config.js';
import { awsConfigFromEnv, envForAwsNames } from './aws-config-from-env.js';

const problemsOf = (env: Record<string, string>) => configProblems(() => awsConfigFromEnv(env));

describe('awsConfigFromEnv', () => {
  it('needs only a region; every name has a default', () => {
    expect(awsConfigFromEnv({ AWS_REGION: 'eu-west-1' })).toEqual({ region: 'eu-west-1', names: defaultAwsResourceNames });
  });

  it('falls back to AWS_DEFAULT_REGION and treats blank values as unset', () => {
    expect(awsConfigFromEnv({ AWS_DEFAULT_REGION: 'us-west-2', AWS_REGION: ' ', WORDFREQ_BUCKET: '' })).toMatchObject({
      region: 'us-west-2',
      names: { bucket: defaultAwsResourceNames.bucket },
    });
  });

  it('takes queue URLs as well as names, and "none" for no dead-letter queue', () => {
    const config = awsConfigFromEnv({
      AWS_REGION: 'us-east-1',
      WORDFREQ_JOB_QUEUE: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
      WORDFREQ_RESULTS_QUEUE: 'results.fifo',
      WORDFREQ_DEAD_LETTER_QUEUE: 'none',
    });
    expect(config.names.jobQueue).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/jobs');
    expect(config.names.resultsQueue).toBe('results.fifo');
    expect(config.names).not.toHaveProperty('deadLetterQueue');
  });

  it('reports every problem at once, each naming its variable', () => {
    const problems = problemsOf({
      WORDFREQ_BUCKET: 'Upper_Case',
      WORDFREQ_JOB_QUEUE: 'has spaces',
      WORDFREQ_RESULTS_TABLE: 'ab',
      WORDFREQ_MULTIPART_THRESHOLD_BYTES: '1000',
      WORDFREQ_METRICS_NAMESPACE: 'AWS/Mine',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^AWS_REGION is required/),
      expect.stringMatching(/^WORDFREQ_BUCKET must be an S3 bucket name .*got 'Upper_Case'/),
      expect.stringMatching(/^WORDFREQ_JOB_QUEUE must be an SQS queue name .*got 'has spaces'/),
      expect.stringMatching(/^WORDFREQ_RESULTS_TABLE must be a DynamoDB table name .*got 'ab'/),
      expect.stringMatching(/^WORDFREQ_MULTIPART_THRESHOLD_BYTES must be a whole number of bytes >= 5242880/),
      expect.stringMatching(/^WORDFREQ_METRICS_NAMESPACE/),
    ]);
    expect(problemsOf({ AWS_REGION: 'Oregon' })).toEqual(["AWS_REGION must be a region name like us-east-1, got 'Oregon'"]);
  });

  it('reads back whatever names envForAwsNames writes', () => {
    const bucket = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/);
    const queue = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
    const table = fc.stringMatching(/^[A-Za-z0-9_.-]{3,40}$/);
    fc.assert(
      fc.property(
        fc.record({ bucket, backupBucket: bucket, jobQueue: queue, resultsQueue: queue, resultsTable: table, countersTable: table, claimsTable: table }),
        // "none" (any case) is the setting for no dead-letter queue, so no queue can be called that.
        fc.option(queue.filter((name) => name.toLowerCase() !== 'none'), { nil: undefined }),
        (names, deadLetterQueue) => {
          const all = { ...names, ...(deadLetterQueue === undefined ? {} : { deadLetterQueue }) };
          expect(awsConfigFromEnv({ AWS_REGION: 'us-east-1', ...envForAwsNames(all) }).names).toEqual(all);
        },
      ),
    );
  });
});
