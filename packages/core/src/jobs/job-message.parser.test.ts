import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordFreqError } from '../errors.js';
import { parseJobMessage } from './job-message.parser.js';
import { toS3EventNotification } from './s3-event-notification.js';

// A notification as S3 documents it (event structure 2.1), with the key URL-encoded by S3.
const s3Record = (key: string, eventName = 'ObjectCreated:Put', bucket = 'wordfreq-uploads') => ({
  eventVersion: '2.1',
  eventSource: 'aws:s3',
  awsRegion: 'us-east-1',
  eventTime: '2024-05-01T12:00:00.000Z',
  eventName,
  userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
  requestParameters: { sourceIPAddress: '203.0.113.7' },
  responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S' },
  s3: {
    s3SchemaVersion: '1.0',
    configurationId: 'uploads',
    bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
    object: { key, size: 1024, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
  },
});

const badMessage = (body: string) => {
  try {
    parseJobMessage(body);
  } catch (error) {
    expect(WordFreqError.hasCode(error, 'BAD_MESSAGE')).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`expected ${body} to be rejected`);
};

describe('parseJobMessage', () => {
  it('reads one job per ObjectCreated record of an S3 event notification, keys URL-decoded', () => {
    const body = JSON.stringify({
      Records: [s3Record('books/red+flower.txt'), s3Record('a%2Bb/caf%C3%A9+%281%29.txt', 'ObjectCreated:CompleteMultipartUpload')],
    });
    expect(parseJobMessage(body)).toEqual([
      { bucket: 'wordfreq-uploads', key: 'books/red flower.txt' },
      { bucket: 'wordfreq-uploads', key: 'a+b/café (1).txt' },
    ]);
  });

  it('skips records of other event types and keeps the created ones', () => {
    const body = JSON.stringify({ Records: [s3Record('gone.txt', 'ObjectRemoved:Delete'), s3Record('new.txt'), s3Record('x.txt', 's3:ObjectCreated:Copy')] });
    expect(parseJobMessage(body)).toEqual([
      { bucket: 'wordfreq-uploads', key: 'new.txt' },
      { bucket: 'wordfreq-uploads', key: 'x.txt' },
    ]);
  });

  it('acknowledges s3:TestEvent with no jobs, bare or inside SNS', () => {
    const test = { Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2024-05-01T12:00:00.000Z', Bucket: 'wordfreq-uploads', RequestId: 'X', HostId: 'Y' };
    expect(parseJobMessage(JSON.stringify(test))).toEqual([]);
    expect(parseJobMessage(JSON.stringify({ Type: 'Notification', Message: JSON.stringify(test) }))).toEqual([]);
  });

  it('unwraps an SNS notification around an S3 notification', () => {
    const sns = {
      Type: 'Notification',
      MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:uploads',
      Subject: 'Amazon S3 Notification',
      Message: JSON.stringify({ Records: [s3Record('notes/day+1.txt')] }),
      Timestamp: '2024-05-01T12:00:01.000Z',
    };
    expect(parseJobMessage(JSON.stringify(sns))).toEqual([{ bucket: 'wordfreq-uploads', key: 'notes/day 1.txt' }]);
  });

  it('takes a direct job literally (no URL decoding)', () => {
    expect(parseJobMessage('{"bucket":"b01","key":"a+b%20c.txt"}')).toEqual([{ bucket: 'b01', key: 'a+b%20c.txt' }]);
  });

  it.each([
    ['not json', 'message body is not JSON'],
    ['42', 'message is number 42'],
    ['[]', 'message is an array'],
    ['{"hello":1}', 'keys present: hello'],
    ['{"Records":{}}', 'Records is an object; expected an array'],
    ['{"Records":[]}', 'Records is empty'],
    ['{"bucket":"b"}', 'direct job whose "key" must be a non-empty string, got nothing'],
    ['{"bucket":"","key":"k"}', '"bucket" must be a non-empty string'],
    ['{"Type":"Notification","Message":{}}', 'SNS notification has no Message text'],
    ['{"Type":"Notification","Message":"nope"}', 'SNS Message is not JSON'],
    [JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ Type: 'Notification', Message: '{}' }) }), 'inside an SNS notification'],
    [JSON.stringify({ Records: [{ eventSource: 'aws:sqs', eventName: 'x' }] }), 'record 1 has eventSource the string "aws:sqs"'],
  ])('rejects %s with a reason', (body, reason) => {
    expect(badMessage(body)).toContain(reason);
  });

  it('names the record and the missing field', () => {
    const noKey = s3Record('k') as { s3: { object: Record<string, unknown> } };
    delete noKey.s3.object.key;
    expect(badMessage(JSON.stringify({ Records: [s3Record('ok.txt'), noKey] }))).toContain('record 2 has no s3.object.key');
    const noBucket = { ...s3Record('k'), s3: { object: { key: 'k' } } };
    expect(badMessage(JSON.stringify({ Records: [noBucket] }))).toContain('record 1 has no s3.bucket.name');
    expect(badMessage(JSON.stringify({ Records: [{ ...s3Record('k'), eventName: undefined }] }))).toContain('record 1 has no eventName');
    expect(badMessage(JSON.stringify({ Records: [s3Record('')] }))).toContain('record 1 has an empty s3.object.key');
    expect(badMessage(JSON.stringify({ Records: [s3Record('bad%E0%A4%A')] }))).toContain('record 1 has s3.object.key "bad%E0%A4%A", which is not valid URL encoding');
  });

  it('prefixes errors inside an SNS envelope', () => {
    const body = JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ Records: [s3Record('a'), 7] }) });
    expect(badMessage(body)).toContain('SNS Message record 2 is number 7');
  });

  it('gives back exactly the objects toS3EventNotification announced, for any keys', () => {
    const objects = fc.array(
      fc.record({
        bucket: fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/),
        // Characters with a meaning in the encoding ('+', '%', space, '/') come up often, not by luck.
        key: fc.string({ unit: fc.oneof(fc.constantFrom(' ', '+', '%', '/', '%2B', '~', '*', 'é', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 40 }),
        size: fc.option(fc.nat(), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(objects, fc.boolean(), (objs, viaSns) => {
        const notification = toS3EventNotification(objs, new Date(0));
        const body = viaSns ? JSON.stringify({ Type: 'Notification', Message: notification }) : notification;
        expect(parseJobMessage(body)).toEqual(objs.map(({ bucket, key }) => ({ bucket, key })));
      }),
    );
  });
});
