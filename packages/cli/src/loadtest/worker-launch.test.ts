import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unknownWorkerVariables, workerConfigFromEnv } from '@wordfreq/runtime-ec2';
import { describe, expect, it } from 'vitest';
import { wordfreqBin, wordfreqWorkerLaunch, workerEnv } from './worker-launch.js';

const resources = {
  bucket: 'loadtest-1',
  jobQueueUrl: 'http://127.0.0.1:4566/000000000000/loadtest-jobs',
  deadLetterQueueUrl: 'http://127.0.0.1:4566/000000000000/loadtest-jobs-dlq',
  resultsQueueUrl: 'http://127.0.0.1:4566/000000000000/loadtest-results',
  resultsTable: 'loadtest-results-1',
};
const awsEnv = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566' };

describe('workerEnv', () => {
  const env = workerEnv({ resources, awsEnv, workerId: 'loadtest-worker-2', delaySeconds: 1.25, visibilitySeconds: 30, graceSeconds: 21 });

  it('is a configuration the worker accepts, one job at a time with the drawn delay', () => {
    const config = workerConfigFromEnv(env);
    expect(config).toMatchObject({
      adapters: 'aws',
      region: 'us-east-1',
      queueUrl: resources.jobQueueUrl,
      resultQueueUrl: resources.resultsQueueUrl,
      resultTable: resources.resultsTable,
      deadLetterQueueUrl: resources.deadLetterQueueUrl,
      concurrency: 1,
      waitSeconds: 1,
      visibilitySeconds: 30,
      jobDelayMs: 1250,
      gracePeriodMs: 21_000,
      backlogIntervalMs: 0,
      workerId: 'loadtest-worker-2',
    });
    expect(unknownWorkerVariables(env)).toEqual([]);
  });

  it("passes nothing else from this process's environment: no real AWS credentials or profile", () => {
    expect(Object.keys(env).filter((name) => !name.startsWith('WORKER_') && !(name in awsEnv)).sort()).toEqual(['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'PATH']);
  });
});

describe('wordfreqWorkerLaunch', () => {
  it("runs this package's wordfreq launcher with node and the worker command", () => {
    const bin = wordfreqBin();
    expect(bin).toBe(fileURLToPath(new URL('../../bin/wordfreq.js', import.meta.url)));
    expect(existsSync(bin)).toBe(true);
    expect(wordfreqWorkerLaunch({ A: '1' })).toEqual({ command: process.execPath, args: [bin, 'worker'], env: { A: '1' } });
  });

  it('finds the package the same way from the bundle in dist/', () => {
    const fromDist = fileURLToPath(new URL('../../dist/chunk-ABC.js', import.meta.url));
    expect(wordfreqBin(fromDist)).toBe(join(fileURLToPath(new URL('../../', import.meta.url)), 'bin', 'wordfreq.js'));
  });

  it('says so when it is not inside the CLI package', () => {
    expect(() => wordfreqBin('/tmp/elsewhere/x.js')).toThrow(/cannot find the @wordfreq\/cli package above \/tmp\/elsewhere\/x.js/);
  });
});
