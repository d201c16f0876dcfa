import { CreateTableCommand, waitUntilTableExists, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { EmulatorClients } from './emulator-clients.js';
import { uniqueName } from './unique-name.js';

export interface QueueOptions {
  readonly prefix?: string;
  /** Default 30. */
  readonly visibilitySeconds?: number;
  /** Receives before SQS moves a message to the dead-letter queue (default 3); `null` for no DLQ. */
  readonly maxReceiveCount?: number | null;
}

export interface CreatedQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  /** Present unless `maxReceiveCount: null`. */
  readonly deadLetter?: { readonly name: string; readonly url: string; readonly arn: string };
}

export type TableOptions = Omit<CreateTableCommandInput, 'TableName'> & { readonly prefix?: string };

export interface CreatedTable {
  readonly name: string;
  /** Every table gets a NEW_AND_OLD_IMAGES stream unless `StreamSpecification` says otherwise. */
  readonly streamArn?: string;
}

export async function createBucket(clients: EmulatorClients, prefix = 'bucket'): Promise<string> {
  const name = uniqueName(prefix);
  await clients.s3.send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

export async function createQueue(clients: EmulatorClients, options: QueueOptions = {}): Promise<CreatedQueue> {
  const name = uniqueName(options.prefix ?? 'queue');
  const visibility = String(options.visibilitySeconds ?? 30);
  const maxReceiveCount = options.maxReceiveCount === undefined ? 3 : options.maxReceiveCount;
  let deadLetter: CreatedQueue['deadLetter'];
  if (maxReceiveCount !== null) {
    const dlqName = `${name}-dlq`;
    const url = await queueUrl(clients, dlqName, { VisibilityTimeout: visibility });
    deadLetter = { name: dlqName, url, arn: await queueArn(clients, url) };
  }
  const url = await queueUrl(clients, name, {
    VisibilityTimeout: visibility,
    ...(deadLetter === undefined
      ? {}
      : { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount }) }),
  });
  return { name, url, arn: await queueArn(clients, url), ...(deadLetter === undefined ? {} : { deadLetter }) };
}

export async function createTable(clients: EmulatorClients, options: TableOptions): Promise<CreatedTable> {
  const { prefix, ...input } = options;
  const name = uniqueName(prefix ?? 'table');
  const created = await clients.dynamodb.send(
    new CreateTableCommand({
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      ...input,
      TableName: name,
    }),
  );
  await waitUntilTableExists({ client: clients.dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
  const streamArn = created.TableDescription?.LatestStreamArn;
  return { name, ...(streamArn === undefined ? {} : { streamArn }) };
}

async function queueUrl(clients: EmulatorClients, name: string, attributes: Record<string, string>): Promise<string> {
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (QueueUrl === undefined) throw new Error(`SQS emulator returned no URL for queue ${name}`);
  return QueueUrl;
}

async function queueArn(clients: EmulatorClients, url: string): Promise<string> {
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`SQS emulator returned no QueueArn for ${url}`);
  return arn;
}
