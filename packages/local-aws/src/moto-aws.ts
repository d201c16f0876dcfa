import { PutBucketNotificationConfigurationCommand } from '@aws-sdk/client-s3';
import { CreateEmailIdentityCommand } from '@aws-sdk/client-sesv2';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { EmulatedAws } from './emulated-aws.js';
import { createBucket, createQueue, createTable } from './emulated-resources.js';
import { createEmulatorClients, emulatorRegion, type EmulatedService, type EmulatorEndpoints } from './emulator-clients.js';
import { envFor } from './env-for.js';
import type { S3EventBridge, S3EventBridgeOptions } from './s3-event-bridge.js';
import { startMotoServer, type MotoServerOptions } from './moto-server.js';

/** A message as moto's SES keeps it: one body only (the HTML one when the mail has both). */
export interface MotoSentMail {
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly body: string;
}

/**
 * Emulated AWS on one moto server, unpatched: S3, SQS, DynamoDB (with Streams) and SES v2 behind
 * one endpoint, the same interface as `startEmulatedAws` so suites run on either. Differences:
 * - `bridgeS3EventsToQueue` configures a real bucket notification (moto sends S3's notification JSON
 *   to the queue itself); `drain()` waits for the configuration and takes the `s3:TestEvent` S3
 *   sends then off the queue; after that every upload's message is on the queue when its PUT returns;
 *   `forwarded` is not known (moto does not count) and throws;
 * - `readSentMail` throws: moto keeps one body per message, so use `readMotoMail`;
 * - SES checks identities: `verifyEmailIdentity` first (moto verifies at once).
 */
export interface MotoAws extends EmulatedAws {
  readonly endpoint: string;
  /** Mail moto's SES accepted, oldest first. */
  readMotoMail(): Promise<MotoSentMail[]>;
  /** Creates an SES identity (an address or a domain) that may send; moto verifies it at once. */
  verifyEmailIdentity(identity: string): Promise<void>;
}

const motoServices: readonly EmulatedService[] = ['s3', 'sqs', 'dynamodb', 'ses'];

/** Starts a moto server; `stop()` ends it (use from `beforeAll` with `afterAll(() => aws.stop())`). */
export async function startMotoAws(options: MotoServerOptions = {}): Promise<MotoAws> {
  const server = await startMotoServer(options);
  const endpoints: EmulatorEndpoints = Object.fromEntries(motoServices.map((service) => [service, server.endpoint]));
  const clients = createEmulatorClients(endpoints);
  let stopping: Promise<void> | undefined;

  async function modelData(): Promise<Record<string, Record<string, unknown[]>>> {
    const response = await fetch(`${server.endpoint}/moto-api/data.json`);
    if (!response.ok) throw new Error(`moto: GET /moto-api/data.json answered ${response.status}`);
    return (await response.json()) as Record<string, Record<string, unknown[]>>;
  }

  const aws: MotoAws = {
    services: motoServices,
    endpoint: server.endpoint,
    endpoints,
    clients,
    createBucket: (prefix) => createBucket(clients, prefix),
    createQueue: (queueOptions) => createQueue(clients, queueOptions),
    createTable: (tableOptions) => createTable(clients, tableOptions),
    readSentMail() {
      return Promise.reject(new Error('moto keeps one body per message, which SentMail cannot say: use readMotoMail() on moto'));
    },
    async readMotoMail() {
      const messages = ((await modelData()).ses?.Message ?? []) as {
        id: string;
        source: string;
        destinations: { ToAddresses?: string[] };
        subject: string;
        body: string;
      }[];
      return messages.map((message) => ({
        messageId: message.id,
        from: message.source,
        to: message.destinations.ToAddresses ?? [],
        subject: message.subject,
        body: message.body,
      }));
    },
    async verifyEmailIdentity(identity) {
      await clients.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: identity }));
    },
    bridgeS3EventsToQueue: (bridgeOptions) => notifyQueueOfUploads(bridgeOptions),
    env: () => envFor(aws),
    stop() {
      stopping ??= (async () => {
        clients.destroy();
        await server.stop();
      })();
      return stopping;
    },
  };

  function notifyQueueOfUploads(bridgeOptions: S3EventBridgeOptions): S3EventBridge {
    const { bucket } = bridgeOptions;
    if (bucket === undefined) throw new Error('on moto a bucket notification needs the bucket: pass bridgeS3EventsToQueue({ bucket, queueUrl })');
    if ((bridgeOptions.region ?? emulatorRegion) !== emulatorRegion) throw new Error(`moto's clients here are in ${emulatorRegion}`);
    const configured = (async () => {
      const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: bridgeOptions.queueUrl, AttributeNames: ['QueueArn'] }));
      const queueArn = Attributes?.QueueArn;
      if (queueArn === undefined) throw new Error(`moto returned no QueueArn for ${bridgeOptions.queueUrl}`);
      await clients.s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: bucket,
          NotificationConfiguration: { QueueConfigurations: [{ QueueArn: queueArn, Events: ['s3:ObjectCreated:*'] }] },
        }),
      );
      await takeTestEvent(bridgeOptions.queueUrl, bucket);
    })();
    // Reported by drain(); never an unhandled rejection in between.
    configured.catch(() => {});
    return {
      get forwarded(): number {
        throw new Error('moto sends bucket notifications itself and does not count them; read the queue instead');
      },
      drain: () => configured,
      stop: () => configured,
    };
  }

  /**
   * Saving a notification configuration makes S3 (and moto) send one `s3:TestEvent`; taking it off
   * the queue leaves there what the s3rver bridge would have put, so suites count the same on both.
   */
  async function takeTestEvent(queueUrl: string, bucket: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const message of Messages) {
        const body = JSON.parse(message.Body ?? '{}') as { Event?: string; Bucket?: string };
        if (body.Event === 's3:TestEvent' && body.Bucket === bucket) {
          await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
          return;
        }
        // Not ours: make it visible again at once.
        await clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
      }
    }
    throw new Error(`moto sent no s3:TestEvent for bucket ${bucket} to ${queueUrl} after its notification was configured`);
  }

  return aws;
}
