import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoDbError, s3Error, sesV2Error, sqsError, type AwsErrorDocument } from './aws-error-documents.js';
import { startAwsFaultServer, type AwsFaultServer } from './aws-fault-server.js';

const common = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
const servers: AwsFaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(document: AwsErrorDocument): Promise<AwsFaultServer> {
  const server = await startAwsFaultServer(document);
  servers.push(server);
  return server;
}

// The SDK's own deserialisers read these documents: the names, faults and statuses below are what
// the adapters' error translation sees, as it would from the real services.
describe('AWS error documents through the SDK', () => {
  it.each(['throttling', 'server-error'] as const)('SQS (JSON protocol): %s', async (kind) => {
    const document = sqsError(kind);
    const server = await serve(document);
    const sqs = new SQSClient({ ...common, endpoint: server.endpoint });
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: `${server.endpoint}/123456789012/q` }))).rejects.toMatchObject({
      name: document.name,
      $fault: kind === 'throttling' ? 'client' : 'server',
      $metadata: { httpStatusCode: document.status },
    });
    expect(server.requests).toEqual([expect.objectContaining({ target: 'AmazonSQS.ReceiveMessage' })]);
  });

  it.each(['throughput', 'throttling', 'server-error'] as const)('DynamoDB (JSON 1.0): %s', async (kind) => {
    const document = dynamoDbError(kind);
    const server = await serve(document);
    const dynamodb = new DynamoDBClient({ ...common, endpoint: server.endpoint });
    await expect(dynamodb.send(new GetItemCommand({ TableName: 't', Key: { Id: { S: 'x' } } }))).rejects.toMatchObject({
      name: document.name,
      message: expect.stringMatching(/\w/),
      $metadata: { httpStatusCode: document.status },
    });
    expect(server.requests.map((request) => request.target)).toEqual(['DynamoDB_20120810.GetItem']);
  });

  it.each(['throttling', 'server-error'] as const)('SES v2 (REST-JSON): %s', async (kind) => {
    const document = sesV2Error(kind);
    const server = await serve(document);
    const ses = new SESv2Client({ ...common, endpoint: server.endpoint });
    const send = ses.send(
      new SendEmailCommand({ FromEmailAddress: 'a@example.com', Destination: { ToAddresses: ['b@example.com'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } }),
    );
    await expect(send).rejects.toMatchObject({ name: document.name, $metadata: { httpStatusCode: document.status } });
    expect(server.requests).toEqual([expect.objectContaining({ method: 'POST', url: '/v2/email/outbound-emails' })]);
  });

  it.each(['throttling', 'server-error'] as const)('S3 (REST-XML): %s', async (kind) => {
    const document = s3Error(kind);
    const server = await serve(document);
    const s3 = new S3Client({ ...common, endpoint: server.endpoint, forcePathStyle: true });
    await expect(s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))).rejects.toMatchObject({ name: document.name, $metadata: { httpStatusCode: document.status } });
    // HEAD answers carry no body: the SDK names the error from the status alone.
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: document.status } });
  });
});
