// `npm run local` lives in @wordfreq/local-aws, which may not import this package (this package's tests
// import it), so it restates the default names and table keys. This test keeps the two in step.
import { localAwsNames, localResourceEnv, localTableShapes } from '@wordfreq/local-aws';
import { describe, expect, it } from 'vitest';
import { defaultAwsResourceNames } from './shared/aws-config.js';
import { awsConfigFromEnv } from './shared/aws-config-from-env.js';
import { claimsTableShape, countersTableShape, resultsTableShape } from './dynamodb/dynamo-table-layout.js';

describe('the npm run local layout', () => {
  it('uses the adapters\' default names', () => {
    expect(localAwsNames).toEqual(defaultAwsResourceNames);
  });

  it('creates tables with the keys and streams the adapters use', () => {
    expect(localTableShapes).toEqual({ resultsTable: resultsTableShape, countersTable: countersTableShape, claimsTable: claimsTableShape });
  });

  it('exports variables awsConfigFromEnv reads back as those resources', () => {
    const urls = {
      jobQueue: 'http://127.0.0.1:1234/123456789012/wordfreq-jobs',
      deadLetterQueue: 'http://127.0.0.1:1234/123456789012/wordfreq-jobs-dlq',
      resultsQueue: 'http://127.0.0.1:1234/123456789012/wordfreq-results',
    };
    expect(awsConfigFromEnv({ AWS_REGION: 'us-east-1', ...localResourceEnv(urls) }).names).toEqual({
      ...defaultAwsResourceNames,
      jobQueue: urls.jobQueue,
      deadLetterQueue: urls.deadLetterQueue,
      resultsQueue: urls.resultsQueue,
    });
  });
});
