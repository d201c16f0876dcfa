import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';

export type EmulatedService = 's3' | 'sqs' | 'dynamodb' | 'ses';

/** Where each started emulator listens (`http://127.0.0.1:<port>`). DynamoDB Local also serves Streams. */
export type EmulatorEndpoints = Readonly<Partial<Record<EmulatedService, string>>>;

export const emulatorRegion = 'us-east-1';
/** s3rver checks signatures against these; the other emulators accept anything. */
export const emulatorCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface EmulatorClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly dynamodbStreams: DynamoDBStreamsClient;
  readonly ses: SESv2Client;
  /** Closes the clients' connection pools. */
  destroy(): void;
}

/**
 * SDK v3 clients for the emulators. Clients for services that were not started throw on first use,
 * naming the service to start. Every client has a request timeout, because some emulator calls
 * (SES identity calls) never answer; SQS's is longer than the 20 s maximum long poll. Connecting may
 * take seconds when 200 concurrent requests queue at DynamoDB Local on a busy two-core machine.
 */
export function createEmulatorClients(endpoints: EmulatorEndpoints): EmulatorClients {
  const common = { region: emulatorRegion, credentials: emulatorCredentials };
  const timeouts = (requestTimeout: number) => ({ requestHandler: { requestTimeout, connectionTimeout: 10_000 } });
  const made: { destroy(): void }[] = [];
  const lazily = <T extends { destroy(): void }>(service: EmulatedService, make: (endpoint: string) => T): (() => T) => {
    let client: T | undefined;
    return () => {
      const endpoint = endpoints[service];
      if (endpoint === undefined) {
        throw new Error(`the ${service} emulator was not started: pass services: [..., '${service}'] to startEmulatedAws`);
      }
      if (client === undefined) made.push((client = make(endpoint)));
      return client;
    };
  };
  const s3 = lazily('s3', (endpoint) =>
    new S3Client({
      ...common,
      ...timeouts(30_000),
      endpoint,
      forcePathStyle: true,
      // s3rver would store aws-chunked framing of streamed bodies and cannot answer checksum modes.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  const sqs = lazily('sqs', (endpoint) => new SQSClient({ ...common, ...timeouts(30_000), endpoint }));
  const dynamodb = lazily('dynamodb', (endpoint) => new DynamoDBClient({ ...common, ...timeouts(15_000), endpoint }));
  const dynamodbStreams = lazily('dynamodb', (endpoint) => new DynamoDBStreamsClient({ ...common, ...timeouts(15_000), endpoint }));
  const ses = lazily('ses', (endpoint) => new SESv2Client({ ...common, ...timeouts(5_000), endpoint }));
  return {
    get s3() {
      return s3();
    },
    get sqs() {
      return sqs();
    },
    get dynamodb() {
      return dynamodb();
    },
    get dynamodbStreams() {
      return dynamodbStreams();
    },
    get ses() {
      return ses();
    },
    destroy() {
      for (const client of made.splice(0)) client.destroy();
    },
  };
}
