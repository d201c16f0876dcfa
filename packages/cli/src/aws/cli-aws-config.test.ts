import { configProblems } from '@wordfreq/testing';
import { describe, expect, it } from 'vitest';
import { cliAwsConfig } from './cli-aws-config.js';

describe('cliAwsConfig', () => {
  it("reads the AWS adapters' WORDFREQ_* variables, with their defaults", () => {
    const config = cliAwsConfig({ AWS_REGION: 'eu-west-1', WORDFREQ_RESULTS_TABLE: 'results-dev' });
    expect(config.region).toBe('eu-west-1');
    expect(config.names.resultsTable).toBe('results-dev');
    expect(config.names.jobQueue).toBe('wordfreq-jobs');
  });

  it("falls back to the EC2 worker's variables, so one environment file serves both", () => {
    const config = cliAwsConfig({
      AWS_REGION: 'us-east-1',
      WORKER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
      WORKER_RESULT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/results',
      WORKER_RESULT_TABLENAME: 'wordfreq-prod',
      WORKER_DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs-dlq',
    });
    expect(config.names).toMatchObject({
      jobQueue: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
      resultsQueue: 'https://sqs.us-east-1.amazonaws.com/123456789012/results',
      resultsTable: 'wordfreq-prod',
      deadLetterQueue: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs-dlq',
    });
  });

  it('prefers WORDFREQ_* over the worker alias, and treats a blank value as unset', () => {
    expect(cliAwsConfig({ AWS_REGION: 'us-east-1', WORDFREQ_RESULTS_TABLE: 'mine', WORKER_RESULT_TABLENAME: 'theirs' }).names.resultsTable).toBe('mine');
    expect(cliAwsConfig({ AWS_REGION: 'us-east-1', WORDFREQ_RESULTS_TABLE: ' ', WORKER_RESULT_TABLENAME: 'theirs' }).names.resultsTable).toBe('theirs');
  });

  it('reports every problem at once, as a CONFIG error', () => {
    const problems = configProblems(() => cliAwsConfig({ WORDFREQ_BUCKET: 'Not_A_Bucket' }));
    expect(problems.some((problem) => problem.startsWith('AWS_REGION is required'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('WORDFREQ_BUCKET must be an S3 bucket name'))).toBe(true);
  });
});
