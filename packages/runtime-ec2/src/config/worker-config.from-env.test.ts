import { tmpdir } from 'node:os';
import { configProblems } from '@wordfreq/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unknownWorkerVariables, workerConfigFromEnv, type Env } from './worker-config.from-env.js';

const goSampleEnv: Env = {
  AWS_REGION: 'us-west-2',
  WORKER_QUEUE_URL: 'https://sqs.us-west-2.amazonaws.com/762127142917/UploadedQueue',
  WORKER_RESULT_QUEUE_URL: 'https://sqs.us-west-2.amazonaws.com/762127142917/ResultsQueue',
  WORKER_RESULT_TABLENAME: 'wordfreq_results',
};

const problemsOf = (env: Env, flags = {}) => configProblems(() => workerConfigFromEnv(env, flags));

describe('workerConfigFromEnv', () => {
  it('reads the memory budget and the spill directory, spilling to the temp directory by default', () => {
    expect(workerConfigFromEnv(goSampleEnv)).toMatchObject({ memoryBudgetBytes: 640 * 1024 * 1024, spillDir: tmpdir() });
    expect(workerConfigFromEnv(goSampleEnv)).not.toHaveProperty('spillQuotaBytes');
    const set = workerConfigFromEnv({ ...goSampleEnv, WORKER_MEMORY_BUDGET_MB: '3000', WORKER_SPILL_DIR: '/var/tmp/wf', WORKER_SPILL_QUOTA_MB: '500' });
    expect(set).toMatchObject({ memoryBudgetBytes: 3000 * 1024 * 1024, spillDir: '/var/tmp/wf', spillQuotaBytes: 500 * 1024 * 1024 });
    expect(workerConfigFromEnv({ ...goSampleEnv, WORKER_SPILL_DIR: 'none' })).not.toHaveProperty('spillDir');
    expect(problemsOf({ ...goSampleEnv, WORKER_MEMORY_BUDGET_MB: '100' })).toEqual(['WORKER_MEMORY_BUDGET_MB must be from 129 to 4194304, got 100']);
    expect(unknownWorkerVariables({ WORKER_MEMORY_BUDGET_MB: '1', WORKER_SPILL_DIR: 'x', WORKER_SPILL_QUOTA_MB: '1' })).toEqual([]);
  });

  it("accepts the Go sample's runWorker.sh environment as is, with its defaults", () => {
    const config = workerConfigFromEnv(goSampleEnv);
    expect(config).toMatchObject({
      adapters: 'aws',
      region: 'us-west-2',
      queueUrl: goSampleEnv.WORKER_QUEUE_URL,
      resultQueueUrl: goSampleEnv.WORKER_RESULT_QUEUE_URL,
      resultTable: 'wordfreq_results',
      visibilitySeconds: 60,
      jobDelayMs: 0,
      count: { preset: 'unicode', top: 10 },
    });
    expect(config.concurrency).toBeGreaterThanOrEqual(1);
    expect(config.healthPort).toBeUndefined();
    expect(config.deadLetterQueueUrl).toBeUndefined();
  });

  it('reads every setting of ours', () => {
    const config = workerConfigFromEnv({
      ...goSampleEnv,
      WORKER_MESSAGE_VISIBILITY: '3',
      WORKER_COUNT: '4',
      WORKER_DEAD_LETTER_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/dlq',
      WORKER_WAIT_SECONDS: '1',
      WORKER_MAX_BYTES: '64MiB',
      WORKER_JOB_DELAY_SECONDS: '10',
      WORKER_GRACE_SECONDS: '2.5',
      WORKER_METRICS_INTERVAL_SECONDS: '0',
      WORKER_LOG_LEVEL: 'DEBUG',
      WORKER_HEALTH_PORT: '8080',
      WORKER_ID: 'i-0abc',
      WORKER_PRESET: 'classic',
      WORKER_TOP: '25',
    });
    expect(config).toMatchObject({
      visibilitySeconds: 3,
      concurrency: 4,
      deadLetterQueueUrl: 'http://127.0.0.1:9324/000000000000/dlq',
      waitSeconds: 1,
      maxBytes: 64 * 1024 * 1024,
      jobDelayMs: 10_000,
      gracePeriodMs: 2500,
      backlogIntervalMs: 0,
      logLevel: 'debug',
      healthPort: 8080,
      workerId: 'i-0abc',
      count: { preset: 'classic', top: 25 },
    });
  });

  it('reports every problem at once, each naming its variable and what is wrong', () => {
    const problems = problemsOf({
      WORKER_COUNT: 'many',
      WORKER_MESSAGE_VISIBILITY: '0',
      WORKER_WAIT_SECONDS: '30',
      WORKER_MAX_BYTES: 'lots',
      WORKER_JOB_DELAY_SECONDS: '-1',
      WORKER_LOG_LEVEL: 'verbose',
      WORKER_ADAPTERS: 'azure',
      WORKER_RESULT_TABLENAME: 'x',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^WORKER_QUEUE_URL is required/),
        expect.stringMatching(/^WORKER_RESULT_QUEUE_URL is required/),
        expect.stringMatching(/^WORKER_RESULT_TABLENAME must be a DynamoDB table name.*'x'/),
        expect.stringMatching(/^AWS_REGION is required/),
        "WORKER_COUNT must be a whole number from 1 to 1000, got 'many'",
        'WORKER_MESSAGE_VISIBILITY must be from 1 to 43200, got 0',
        'WORKER_WAIT_SECONDS must be from 0 to 20, got 30',
        expect.stringMatching(/^WORKER_MAX_BYTES must be a positive size.*'lots'/),
        expect.stringMatching(/^WORKER_JOB_DELAY_SECONDS must be a number of seconds.*'-1'/),
        "WORKER_LOG_LEVEL must be one of debug, info, warn, error, got 'verbose'",
        "WORKER_ADAPTERS must be one of aws, memory, got 'azure'",
      ]),
    );
    expect(problems).toHaveLength(11);
  });

  it('throws a ConfigError whose message joins the problems (what the CLI prints before exit 2)', () => {
    expect(() => workerConfigFromEnv({ ...goSampleEnv, WORKER_COUNT: '0' })).toThrow(/WORKER_COUNT must be from 1 to 1000, got 0/);
  });

  it('rejects URLs that are not http(s) queue URLs and malformed regions', () => {
    const problems = problemsOf({ ...goSampleEnv, WORKER_QUEUE_URL: 'UploadedQueue', AWS_REGION: 'Oregon', WORKER_DEAD_LETTER_QUEUE_URL: 'ftp://x/y' });
    expect(problems).toEqual([
      expect.stringMatching(/^WORKER_QUEUE_URL must be a queue URL like https:\/\/sqs.*'UploadedQueue'/),
      expect.stringMatching(/^WORKER_DEAD_LETTER_QUEUE_URL must be a queue URL/),
      "AWS_REGION must be a region name like us-east-1, got 'Oregon'",
    ]);
  });

  it('falls back to AWS_DEFAULT_REGION, and treats blank values (VAR= in a unit file) as unset', () => {
    const { AWS_REGION: _, ...rest } = goSampleEnv;
    const config = workerConfigFromEnv({ ...rest, AWS_DEFAULT_REGION: 'eu-west-1', WORKER_COUNT: ' ', WORKER_ID: '' });
    expect(config.region).toBe('eu-west-1');
    expect(config.concurrency).toBeGreaterThanOrEqual(1);
    expect(config.workerId).toMatch(/:\d+$/);
  });

  it('needs no URLs, table or region with the memory adapters', () => {
    const config = workerConfigFromEnv({ WORKER_ADAPTERS: 'memory' });
    expect(config).toMatchObject({ adapters: 'memory', queueUrl: 'memory://jobs', resultTable: 'wordfreq' });
  });

  it('lets --health-port override WORKER_HEALTH_PORT and names the flag in its problem', () => {
    expect(workerConfigFromEnv({ ...goSampleEnv, WORKER_HEALTH_PORT: '8080' }, { healthPort: '9090' }).healthPort).toBe(9090);
    expect(problemsOf(goSampleEnv, { healthPort: 'http' })).toEqual(["--health-port must be a whole number from 0 to 65535, got 'http'"]);
  });

  it('reads sizes with binary suffixes', () => {
    const size = (value: string) => workerConfigFromEnv({ ...goSampleEnv, WORKER_MAX_BYTES: value }).maxBytes;
    expect([size('1048576'), size('512k'), size('512KiB'), size('2m'), size('1GiB'), size('3 MB')]).toEqual([
      1048576, 512 * 1024, 512 * 1024, 2 * 1024 ** 2, 1024 ** 3, 3 * 1024 ** 2,
    ]);
    expect(problemsOf({ ...goSampleEnv, WORKER_MAX_BYTES: '0' })).toHaveLength(1);
  });

  it('accepts every whole WORKER_COUNT in range and rejects everything outside it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 2000 }), (n) => {
        const env = { ...goSampleEnv, WORKER_COUNT: String(n) };
        if (n >= 1 && n <= 1000) expect(workerConfigFromEnv(env).concurrency).toBe(n);
        else expect(problemsOf(env)).toEqual([expect.stringMatching(/^WORKER_COUNT must/)]);
      }),
    );
  });
});

describe('the limits issue 11 made configurable', () => {
  it('defaults: a 2-hour job time limit, 5 receives (the queue maxReceiveCount wordfreq creates), 256-byte words, republishing every 5 minutes', () => {
    const config = workerConfigFromEnv(goSampleEnv);
    expect(config).toMatchObject({ jobTimeLimitMs: 7_200_000, maxReceives: 5, republishIntervalMs: 300_000, count: { maxWordBytes: 256 } });
  });

  it('reads each from its variable', () => {
    const config = workerConfigFromEnv({ ...goSampleEnv, WORKER_JOB_TIME_LIMIT_SECONDS: '900', WORKER_MAX_RECEIVES: '3', WORKER_MAX_WORD_BYTES: '64', WORKER_REPUBLISH_SECONDS: '0' });
    expect(config).toMatchObject({ jobTimeLimitMs: 900_000, maxReceives: 3, republishIntervalMs: 0, count: { maxWordBytes: 64 } });
    expect(unknownWorkerVariables({ WORKER_JOB_TIME_LIMIT_SECONDS: '1', WORKER_MAX_RECEIVES: '1', WORKER_MAX_WORD_BYTES: '1', WORKER_REPUBLISH_SECONDS: '1' })).toEqual([]);
  });

  it('reports values out of range, each naming its variable, and a time limit not longer than the job delay', () => {
    expect(problemsOf({ ...goSampleEnv, WORKER_JOB_TIME_LIMIT_SECONDS: '50000', WORKER_MAX_RECEIVES: '0', WORKER_MAX_WORD_BYTES: 'long', WORKER_REPUBLISH_SECONDS: '-5' }).toSorted()).toEqual([
      "WORKER_JOB_TIME_LIMIT_SECONDS must be a number of seconds more than 0 to 43200 (fractions allowed), got '50000'",
      'WORKER_MAX_RECEIVES must be from 1 to 1000, got 0',
      "WORKER_MAX_WORD_BYTES must be a whole number from 1 to 65536, got 'long'",
      "WORKER_REPUBLISH_SECONDS must be a number of seconds from 0 to 86400 (fractions allowed), got '-5'",
    ].sort());
    expect(problemsOf({ ...goSampleEnv, WORKER_JOB_TIME_LIMIT_SECONDS: '0' })).toEqual([expect.stringMatching(/^WORKER_JOB_TIME_LIMIT_SECONDS must be a number of seconds more than 0/)]);
    expect(problemsOf({ ...goSampleEnv, WORKER_JOB_DELAY_SECONDS: '600', WORKER_JOB_TIME_LIMIT_SECONDS: '600' })).toEqual([
      'WORKER_JOB_TIME_LIMIT_SECONDS must be longer than WORKER_JOB_DELAY_SECONDS (600), or every job runs past its limit',
    ]);
  });
});

describe('unknownWorkerVariables', () => {
  it('lists WORKER_* names the worker does not read, so typos get a warning', () => {
    expect(unknownWorkerVariables({ ...goSampleEnv, WORKER_CONUT: '2', WORKER_COUNT: '2', HOME: '/root' })).toEqual(['WORKER_CONUT']);
  });
});

describe('the health endpoint’s interface', () => {
  it('is loopback unless WORKER_HEALTH_HOST says otherwise', () => {
    expect(workerConfigFromEnv({ WORKER_ADAPTERS: 'memory' }).healthHost).toBe('127.0.0.1');
    expect(workerConfigFromEnv({ WORKER_ADAPTERS: 'memory', WORKER_HEALTH_HOST: '0.0.0.0' }).healthHost).toBe('0.0.0.0');
  });
});
