import { randomUUID } from 'node:crypto';
import { sampleAccount, sampleRegion } from './sample-values.js';

/*
 * Minimal events of the shapes Lambda delivers (per the AWS docs' samples), for invoking the real
 * handlers in the least-privilege test. Loosely typed: the handlers check what they read.
 */

export function lambdaContext(remainingMs = 60_000) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'wordfreq-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${sampleRegion}:${sampleAccount}:function:wordfreq-test`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/wordfreq-test',
    logStreamName: '2026/01/01/[$LATEST]test',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  } as any;
}

export function sqsEvent(queueArn: string, messages: readonly { MessageId?: string; ReceiptHandle?: string; Body?: string }[]) {
  return {
    Records: messages.map((m) => ({
      messageId: m.MessageId,
      receiptHandle: m.ReceiptHandle,
      body: m.Body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'AIDA', ApproximateFirstReceiveTimestamp: String(Date.now()) },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: sampleRegion,
    })),
  } as any;
}

export function s3CreatedEvent(bucket: string, key: string, size: number) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: sampleRegion,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: { s3SchemaVersion: '1.0', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key: encodeURIComponent(key), size, sequencer: '0A' } },
      },
    ],
  } as any;
}

export function httpApiEvent(method: string, rawPath: string, stage: string) {
  return {
    version: '2.0',
    routeKey: 'ANY /visits/{page}',
    rawPath,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: sampleAccount,
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      requestId: randomUUID(),
      routeKey: 'ANY /visits/{page}',
      stage,
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
    },
  } as any;
}

/** A counters-table stream record of the site total going from `before` to `after` visits. */
export function siteTotalRecord(streamArn: string, before: number, after: number, sequenceNumber: string) {
  const image = (visits: number) => ({ Counter: { S: 'site#total' }, Visits: { N: String(visits) } });
  return {
    Records: [
      {
        eventID: `event-${sequenceNumber}`,
        eventName: 'MODIFY',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: sampleRegion,
        eventSourceARN: streamArn,
        dynamodb: { Keys: { Counter: { S: 'site#total' } }, OldImage: image(before), NewImage: image(after), SequenceNumber: sequenceNumber, SizeBytes: 60, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      },
    ],
  } as any;
}
