import { describe, expect, it } from 'vitest';
import { awsNameProblem } from './aws-name-rules.js';

describe('awsNameProblem', () => {
  it('accepts names AWS accepts', () => {
    const ok = [
      ['region', 'us-east-1'],
      ['region', 'ap-southeast-2'],
      ['region', 'us-gov-west-1'],
      ['bucket', 'wordfreq-uploads.2024'],
      ['queue', 'jobs.fifo'],
      ['queue', 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs'],
      ['queue', 'http://127.0.0.1:9324/000000000000/jobs'],
      ['table', 'wordfreq_results'],
    ] as const;
    for (const [kind, value] of ok) expect(awsNameProblem(kind, value), `${kind} ${value}`).toBeUndefined();
  });

  it('says what AWS expects and repeats the value it refuses', () => {
    expect(awsNameProblem('region', 'Oregon')).toBe("must be a region name like us-east-1, got 'Oregon'");
    expect(awsNameProblem('bucket', 'two..dots')).toMatch(/^must be an S3 bucket name .*got 'two\.\.dots'$/);
    expect(awsNameProblem('bucket', 'Upper_Case')).toMatch(/^must be an S3 bucket name/);
    expect(awsNameProblem('queue', 'has spaces')).toMatch(/^must be an SQS queue name .*got 'has spaces'$/);
    expect(awsNameProblem('queue', 'x'.repeat(81))).toMatch(/^must be an SQS queue name/);
    expect(awsNameProblem('table', 'ab')).toBe("must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -), got 'ab'");
  });
});
