import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { toDelivery } from './sqs-delivery.js';

const record: SQSRecord = {
  messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
  receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
  body: '{"bucket":"uploads","key":"a b.txt"}',
  attributes: {
    ApproximateReceiveCount: '3',
    SentTimestamp: '1545082649183',
    SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    ApproximateFirstReceiveTimestamp: '1545082649185',
  },
  messageAttributes: {
    reason: { stringValue: 'why', dataType: 'String', stringListValues: [], binaryListValues: [] },
    blob: { binaryValue: 'AAE=', dataType: 'Binary', stringListValues: [], binaryListValues: [] },
  },
  md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-2:123456789012:my-queue',
  awsRegion: 'us-east-2',
};

describe('toDelivery', () => {
  it('maps id, body, receive count, string attributes and the receipt handle', () => {
    expect(toDelivery(record)).toEqual({
      id: record.messageId,
      body: record.body,
      receiveCount: 3,
      attributes: { reason: 'why' },
      handle: record.receiptHandle,
    });
  });

  it('treats a missing or unreadable receive count as a first delivery', () => {
    const bare = { ...record, attributes: { ...record.attributes, ApproximateReceiveCount: 'x' } };
    expect(toDelivery(bare).receiveCount).toBe(1);
  });
});
