import {
  CreateTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ConfigError, defaultVisibilitySeconds, InternalError } from '@wordfreq/core';
import { awsErrorName, callAws, httpStatusOf, translateAwsError } from './shared/aws-error-translator.js';
import type { AwsClients } from './aws-clients.js';
import type { AwsResourceNames } from './shared/aws-config.js';
import { claimsTableShape, countersTableShape, resultsTableShape } from './dynamodb/dynamo-table-layout.js';
import { S3ObjectStore } from './s3/s3-object-store.js';

export interface InfrastructureOptions {
  /** Region for bucket creation (us-east-1 needs no location constraint). Default us-east-1. */
  readonly region?: string;
  /** Receives before SQS moves a job to the dead-letter queue (default 5). */
  readonly maxReceiveCount?: number;
  /** Default visibility timeout of the jobs queue (default 60 s, the original sample's). */
  readonly visibilitySeconds?: number;
  /** Apply the Glacier transition to the backup bucket after this many days (default: leave lifecycle alone). */
  readonly backupGlacierDays?: number;
}

export interface Infrastructure {
  readonly jobQueueUrl: string;
  readonly deadLetterQueueUrl?: string;
  readonly resultsQueueUrl: string;
  /** The counters table's stream, for the milestone handler's event source mapping. */
  readonly countersStreamArn?: string;
}

/**
 * Creates what `names` describes, or accepts it when it already exists, so it can run on every start:
 * both buckets; the dead-letter queue, then the jobs queue with a redrive policy to it, and the
 * results queue; the results, counters (with a NEW_AND_OLD_IMAGES stream) and claims tables, waiting
 * until they are active. An existing table with a different key schema is a CONFIG error naming it;
 * an existing queue gets the redrive policy and visibility set again.
 */
export async function ensureInfrastructure(
  clients: Pick<AwsClients, 's3' | 'sqs' | 'dynamodb'>,
  names: AwsResourceNames,
  options: InfrastructureOptions = {},
): Promise<Infrastructure> {
  const region = options.region ?? 'us-east-1';
  await Promise.all([ensureBucket(clients, names.bucket, region), ensureBucket(clients, names.backupBucket, region)]);
  if (options.backupGlacierDays !== undefined) {
    await new S3ObjectStore(clients.s3).applyGlacierLifecycle(names.backupBucket, options.backupGlacierDays);
  }

  let deadLetterQueueUrl: string | undefined;
  let redrive: Record<string, string> = {};
  if (names.deadLetterQueue !== undefined) {
    deadLetterQueueUrl = await ensureQueue(clients, names.deadLetterQueue, {});
    const arn = await queueArn(clients, deadLetterQueueUrl);
    redrive = { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: options.maxReceiveCount ?? 5 }) };
  }
  const [jobQueueUrl, resultsQueueUrl] = await Promise.all([
    ensureQueue(clients, names.jobQueue, { VisibilityTimeout: String(options.visibilitySeconds ?? defaultVisibilitySeconds), ...redrive }),
    ensureQueue(clients, names.resultsQueue, {}),
  ]);

  const [, counters] = await Promise.all([
    ensureTable(clients, names.resultsTable, resultsTableShape),
    ensureTable(clients, names.countersTable, countersTableShape),
    ensureTable(clients, names.claimsTable, claimsTableShape),
  ]);
  return {
    jobQueueUrl,
    ...(deadLetterQueueUrl === undefined ? {} : { deadLetterQueueUrl }),
    resultsQueueUrl,
    ...(counters.LatestStreamArn === undefined ? {} : { countersStreamArn: counters.LatestStreamArn }),
  };
}

async function ensureBucket(clients: Pick<AwsClients, 's3'>, bucket: string, region: string): Promise<void> {
  try {
    // Reachable with our credentials: ours (or shared with us) already.
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    if (httpStatusOf(error) === 403) {
      throw new ConfigError(`bucket "${bucket}" exists but these credentials may not use it (names are global); choose another name or fix its policy`, { cause: error });
    }
    if (httpStatusOf(error) !== 404) throw translateAwsError(error, `HeadBucket ${bucket}`);
  }
  const configuration = region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } };
  try {
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket, ...configuration }));
  } catch (error) {
    // Created by a concurrent run between our check and now.
    if (awsErrorName(error) === 'BucketAlreadyOwnedByYou') return;
    if (awsErrorName(error) === 'BucketAlreadyExists') {
      throw new ConfigError(`bucket name "${bucket}" is taken by another AWS account (names are global); choose another`, { cause: error });
    }
    throw translateAwsError(error, `CreateBucket ${bucket}`);
  }
}

/** A queue given by URL is taken as its last path segment. Returns the queue's URL. */
async function ensureQueue(clients: Pick<AwsClients, 'sqs'>, queue: string, attributes: Record<string, string>): Promise<string> {
  const name = queue.split('/').pop() ?? queue;
  const fifo = name.endsWith('.fifo') ? { FifoQueue: 'true' } : {};
  try {
    const out = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { ...attributes, ...fifo } }));
    if (out.QueueUrl !== undefined) return out.QueueUrl;
  } catch (error) {
    // Exists with other attributes: keep the queue (and its messages), set ours.
    if (awsErrorName(error) !== 'QueueNameExists' && awsErrorName(error) !== 'QueueAlreadyExists') {
      throw translateAwsError(error, `CreateQueue ${name}`);
    }
  }
  const url = await callAws(`GetQueueUrl ${name}`, () => clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).then((out) => out.QueueUrl);
  if (url === undefined) throw new InternalError(`GetQueueUrl ${name} returned no URL`);
  if (Object.keys(attributes).length > 0) {
    await callAws(`SetQueueAttributes ${name}`, () => clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes })));
  }
  return url;
}

async function queueArn(clients: Pick<AwsClients, 'sqs'>, url: string): Promise<string> {
  const out = await callAws(`GetQueueAttributes ${url}`, () => clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })));
  const arn = out.Attributes?.QueueArn;
  if (arn === undefined) throw new InternalError(`GetQueueAttributes ${url} returned no QueueArn`);
  return arn;
}

type TableShape = Omit<CreateTableCommandInput, 'TableName'>;

async function ensureTable(clients: Pick<AwsClients, 'dynamodb'>, table: string, shape: TableShape): Promise<TableDescription> {
  try {
    const out = await clients.dynamodb.send(new CreateTableCommand({ ...shape, TableName: table }));
    await waitUntilTableExists({ client: clients.dynamodb, maxWaitTime: 300, minDelay: 1, maxDelay: 5 }, { TableName: table });
    return out.TableDescription ?? {};
  } catch (error) {
    if (awsErrorName(error) !== 'ResourceInUseException') {
      throw translateAwsError(error, `CreateTable ${table}`);
    }
  }
  await waitUntilTableExists({ client: clients.dynamodb, maxWaitTime: 300, minDelay: 1, maxDelay: 5 }, { TableName: table });
  const existing = (await callAws(`DescribeTable ${table}`, () => clients.dynamodb.send(new DescribeTableCommand({ TableName: table })))).Table ?? {};
  const wanted = JSON.stringify(shape.KeySchema);
  const found = JSON.stringify(existing.KeySchema?.map(({ AttributeName, KeyType }) => ({ AttributeName, KeyType })));
  if (wanted !== found) {
    throw new ConfigError(`DynamoDB table "${table}" exists with key schema ${found}; wordfreq needs ${wanted}. Use another table name or recreate it`);
  }
  if (shape.StreamSpecification?.StreamEnabled && existing.StreamSpecification?.StreamViewType !== shape.StreamSpecification.StreamViewType) {
    throw new ConfigError(
      `DynamoDB table "${table}" needs a stream with view type ${shape.StreamSpecification.StreamViewType}; it has ${existing.StreamSpecification?.StreamViewType ?? 'none'}. Enable it with UpdateTable`,
    );
  }
  return existing;
}
