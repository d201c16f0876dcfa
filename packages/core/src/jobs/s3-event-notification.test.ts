import { describe, expect, it } from 'vitest';
import { WordFreqError } from '../errors.js';
import { decodeS3EventKey, encodeS3EventKey } from './s3-key-codec.js';
import { toS3EventNotification } from './s3-event-notification.js';

describe('toS3EventNotification', () => {
  it('writes the record S3 sends for a Put', () => {
    const body = JSON.parse(toS3EventNotification([{ bucket: 'up', key: 'books/red flower.txt', size: 12, etag: 'abc' }], new Date('2024-05-01T12:00:00Z')));
    expect(body.Records).toHaveLength(1);
    const [record] = body.Records;
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2024-05-01T12:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'up', arn: 'arn:aws:s3:::up' },
        object: { key: 'books/red+flower.txt', size: 12, eTag: 'abc' },
      },
    });
    expect(record.responseElements['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    expect(record.s3.object.sequencer).toMatch(/^[0-9A-F]+$/);
  });

  it('is deterministic and leaves out size and eTag when unknown', () => {
    const at = new Date(5);
    const a = toS3EventNotification([{ bucket: 'b', key: 'k' }], at, { region: 'eu-west-1' });
    expect(a).toBe(toS3EventNotification([{ bucket: 'b', key: 'k' }], at, { region: 'eu-west-1' }));
    const object = JSON.parse(a).Records[0].s3.object;
    expect(object).not.toHaveProperty('size');
    expect(object).not.toHaveProperty('eTag');
    expect(JSON.parse(a).Records[0].awsRegion).toBe('eu-west-1');
  });

  it('writes one record per object, sequencers increasing', () => {
    const records = JSON.parse(toS3EventNotification([{ bucket: 'b', key: '1' }, { bucket: 'b', key: '2' }], new Date(1000))).Records;
    expect(records.map((r: { s3: { object: { key: string } } }) => r.s3.object.key)).toEqual(['1', '2']);
    expect(records[0].s3.object.sequencer < records[1].s3.object.sequencer).toBe(true);
  });

  it('refuses an empty list', () => {
    expect(() => toS3EventNotification([])).toThrow(/at least one object/);
  });
});

describe('S3 event key encoding', () => {
  it.each([
    ['red flower.jpg', 'red+flower.jpg'],
    ['this im + age.txt', 'this+im+%2B+age.txt'],
    ['test/10:47:07.log', 'test/10%3A47%3A07.log'],
    ['dt=2018-05-04/_SUCCESS', 'dt%3D2018-05-04/_SUCCESS'],
    ['café (1).txt', 'caf%C3%A9+%281%29.txt'],
    ['a*b~c', 'a*b%7Ec'],
  ])('encodes %s as %s', (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
    expect(decodeS3EventKey(encoded, 'record 1')).toBe(key);
  });

  it('decodes encoders that also escape slashes', () => {
    expect(decodeS3EventKey('test%2F10%3A47.log', 'record 1')).toBe('test/10:47.log');
  });

  it('rejects keys S3 could not hold', () => {
    expect(() => encodeS3EventKey('bad\ud800key')).toThrow(WordFreqError);
  });
});
