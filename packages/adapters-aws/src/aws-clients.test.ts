import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { sdkClientConfig } from './shared/aws-client-options.js';
import { createAwsClients } from './aws-clients.js';
import { createDynamoDbClient } from './dynamodb/dynamodb-client.js';
import { createS3Client } from './s3/s3-client.js';
import { createSesClient } from './ses/ses-client.js';
import { createSqsClient } from './sqs/sqs-client.js';

// Creating a client opens no connection: these only read back the configuration it resolved.
describe('SDK client factories', () => {
  const factories = [
    ['s3', createS3Client, S3Client],
    ['sqs', createSqsClient, SQSClient],
    ['dynamodb', createDynamoDbClient, DynamoDBClient],
    ['ses', createSesClient, SESv2Client],
  ] as const;

  for (const [service, create, type] of factories) {
    it(`${service}: a client of its service for the given region and attempts`, async () => {
      const client = create({ region: 'eu-west-3', maxAttempts: 7 });
      try {
        expect(client).toBeInstanceOf(type);
        expect(await client.config.region()).toBe('eu-west-3');
        expect(await client.config.maxAttempts()).toBe(7);
      } finally {
        client.destroy();
      }
    });
  }

  it("leaves the attempts to the SDK (its default, or AWS_MAX_ATTEMPTS) when not given", () => {
    expect(sdkClientConfig({ region: 'us-east-2' })).toEqual({ region: 'us-east-2' });
  });

  it('createAwsClients makes one client per service from the same options', async () => {
    const clients = createAwsClients({ region: 'ap-south-1', maxAttempts: 2 });
    expect(clients.s3).toBeInstanceOf(S3Client);
    expect(clients.sqs).toBeInstanceOf(SQSClient);
    expect(clients.dynamodb).toBeInstanceOf(DynamoDBClient);
    expect(clients.ses).toBeInstanceOf(SESv2Client);
    for (const client of Object.values(clients)) {
      expect(await client.config.region()).toBe('ap-south-1');
      expect(await client.config.maxAttempts()).toBe(2);
      client.destroy();
    }
  });
});
