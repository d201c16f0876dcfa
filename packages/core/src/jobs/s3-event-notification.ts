import { BadInputError } from '../errors.js';
import type { ObjectRef } from '../ports/object-store.port.js';
import { fnv1a64Hex } from './fnv-hash.js';
import { encodeS3EventKey } from './s3-key-codec.js';

/** An uploaded object as an event notification describes it; size and ETag appear when known. */
export interface S3EventObject extends ObjectRef {
  readonly size?: number;
  readonly etag?: string;
}

export interface S3EventNotificationOptions {
  /** Default `us-east-1`. */
  readonly region?: string;
  /** Default `ObjectCreated:Put`. */
  readonly eventName?: string;
}

/**
 * The JSON body S3 sends to a queue for uploads (event structure version 2.1), one record per object,
 * so the in-memory and emulator bridges feed workers exactly what production does. Keys are encoded
 * as S3 encodes them (see s3-key-codec.ts). Fields S3 derives from its own state (request ids,
 * sequencer) are derived deterministically from the inputs, so the same call gives the same text.
 * `size` and `eTag` are omitted when not given (S3 always has them; tests sometimes do not).
 */
export function toS3EventNotification(
  objects: readonly S3EventObject[],
  eventTime: Date = new Date(),
  options: S3EventNotificationOptions = {},
): string {
  if (objects.length === 0) throw new BadInputError('an S3 event notification needs at least one object; S3 never sends an empty one');
  if (Number.isNaN(eventTime.getTime())) throw new BadInputError('eventTime is an invalid Date');
  const region = options.region ?? 'us-east-1';
  const eventName = options.eventName ?? 'ObjectCreated:Put';
  const time = eventTime.toISOString();
  const Records = objects.map((object, index) => {
    const requestId = fnv1a64Hex(`${object.bucket}/${object.key}@${time}#${index}`).toUpperCase();
    return {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: region,
      eventTime: time,
      eventName,
      userIdentity: { principalId: 'AWS:WORDFREQLOCAL' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': requestId, 'x-amz-id-2': fnv1a64Hex(requestId) + fnv1a64Hex(`${requestId}/2`) },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'wordfreq-uploads',
        bucket: { name: object.bucket, ownerIdentity: { principalId: 'WORDFREQLOCAL' }, arn: `arn:aws:s3:::${object.bucket}` },
        object: {
          key: encodeS3EventKey(object.key),
          ...(object.size === undefined ? {} : { size: object.size }),
          ...(object.etag === undefined ? {} : { eTag: object.etag }),
          // S3's sequencer orders events for one key: hex, longer-is-later; time then position does that.
          sequencer: eventTime.getTime().toString(16).toUpperCase().padStart(12, '0') + index.toString(16).toUpperCase().padStart(4, '0'),
        },
      },
    };
  });
  return JSON.stringify({ Records });
}
