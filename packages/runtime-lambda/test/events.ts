/**
 * Events of the exact shapes Lambda delivers (per @types/aws-lambda and the AWS docs' samples), built
 * from what the emulators really returned where there is something to return.
 */
import { randomUUID } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';
import type {
  APIGatewayProxyEventV2,
  Context,
  S3Event,
  S3EventRecord,
  SQSEvent,
  SQSMessageAttributes,
  SQSRecord,
} from 'aws-lambda';

const region = 'us-east-1';
const account = '123456789012';

export function lambdaContext(overrides: Partial<Pick<Context, 'functionName' | 'awsRequestId'>> & { remainingMs?: () => number } = {}): Context {
  const functionName = overrides.functionName ?? 'wordfreq-test';
  const remaining = overrides.remainingMs ?? (() => 60_000);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${account}:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: overrides.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2024/01/01/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: remaining,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** An HTTP API (payload format 2.0) or function URL request. */
export function httpApiEvent(method: string, rawPath: string, options: { stage?: string; body?: string } = {}): APIGatewayProxyEventV2 {
  const stage = options.stage ?? '$default';
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { 'content-length': String(options.body?.length ?? 0), host: 'abc123.execute-api.us-east-1.amazonaws.com', 'user-agent': 'vitest' },
    requestContext: {
      accountId: account,
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage,
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
    ...(options.body === undefined ? {} : { body: options.body }),
  };
}

/** What the Lambda poller hands over for messages it received (ReceiveMessage with all attributes). */
export function sqsEvent(messages: readonly Message[], queueName: string): SQSEvent {
  return { Records: messages.map((m) => sqsRecord(m, queueName)) };
}

export function sqsRecord(message: Message, queueName: string): SQSRecord {
  const messageAttributes: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
      stringListValues: [],
      binaryListValues: [],
    };
  }
  const attributes = message.Attributes ?? {};
  return {
    messageId: required(message.MessageId, 'MessageId'),
    receiptHandle: required(message.ReceiptHandle, 'ReceiptHandle'),
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${region}:${account}:${queueName}`,
    awsRegion: region,
  };
}

/** An S3 ObjectCreated notification; `encodedKey` is the key as S3 writes it (URL-encoded). */
export function s3CreatedRecord(bucket: string, encodedKey: string, size: number, eTag: string): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: new Date().toISOString(),
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
    requestParameters: { sourceIPAddress: '192.0.2.1' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'backup-on-upload',
      bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
      object: { key: encodedKey, size, eTag, sequencer: '0055AED6DCD90281E5' },
    },
  };
}

export function s3Event(records: S3EventRecord[]): S3Event {
  return { Records: records };
}

// Lambda's rendering of GetRecords output is library code now (the local site drives the handler too).
export { dynamoDbStreamEvent } from '../src/milestone/stream-event.js';

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`the emulator's message has no ${name}`);
  return value;
}
