import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { startEmulatedAws, type EmulatedAws } from './emulated-aws.js';
import type { EmulatorClients } from './emulator-clients.js';
import { localAwsNames, localJobQueueSettings, localResourceEnv, localTableShapes, type LocalQueueUrls } from './local-layout.js';
import type { S3EventBridge } from './s3-event-bridge.js';

export interface LocalAws {
  readonly aws: EmulatedAws;
  readonly queueUrls: LocalQueueUrls;
  /** Everything to export: AWS_* (endpoints, credentials, region) and the resources' names. */
  readonly env: Record<string, string>;
  /** Uploads to the uploads bucket become S3 notifications on the jobs queue, as on AWS. */
  readonly uploads: S3EventBridge;
  stop(): Promise<void>;
}

/**
 * All four emulators with the default resources (see local-layout.ts) under their default names, and
 * uploads bridged to the jobs queue. What `npm run local` runs; stopped with `stop()`.
 */
export async function startLocalAws(): Promise<LocalAws> {
  const aws = await startEmulatedAws();
  try {
    const { clients } = aws;
    await Promise.all([createBucket(clients, localAwsNames.bucket), createBucket(clients, localAwsNames.backupBucket)]);
    const deadLetterQueue = await createQueue(clients, localAwsNames.deadLetterQueue, {});
    const deadLetterArn = await queueArn(clients, deadLetterQueue);
    const [jobQueue, resultsQueue] = await Promise.all([
      createQueue(clients, localAwsNames.jobQueue, {
        VisibilityTimeout: String(localJobQueueSettings.visibilitySeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: localJobQueueSettings.maxReceiveCount }),
      }),
      createQueue(clients, localAwsNames.resultsQueue, {}),
    ]);
    await Promise.all((['resultsTable', 'countersTable', 'claimsTable'] as const).map((table) => createTable(clients, table)));
    const queueUrls = { jobQueue, deadLetterQueue, resultsQueue };
    const uploads = aws.bridgeS3EventsToQueue({ queueUrl: jobQueue, bucket: localAwsNames.bucket });
    return { aws, queueUrls, env: { ...aws.env(), ...localResourceEnv(queueUrls) }, uploads, stop: () => aws.stop() };
  } catch (error) {
    await aws.stop();
    throw error;
  }
}

async function createBucket(clients: EmulatorClients, name: string): Promise<void> {
  await clients.s3.send(new CreateBucketCommand({ Bucket: name }));
}

async function createQueue(clients: EmulatorClients, name: string, attributes: Record<string, string>): Promise<string> {
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (QueueUrl === undefined) throw new Error(`SQS emulator returned no URL for queue ${name}`);
  return QueueUrl;
}

async function queueArn(clients: EmulatorClients, url: string): Promise<string> {
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  if (Attributes?.QueueArn === undefined) throw new Error(`SQS emulator returned no QueueArn for ${url}`);
  return Attributes.QueueArn;
}

async function createTable(clients: EmulatorClients, table: keyof typeof localTableShapes): Promise<void> {
  const name = localAwsNames[table];
  await clients.dynamodb.send(new CreateTableCommand({ ...localTableShapes[table], TableName: name }));
  await waitUntilTableExists({ client: clients.dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
}
