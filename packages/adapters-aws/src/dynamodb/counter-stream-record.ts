import { BadMessageError } from '@wordfreq/core';
import { countersTableKey, siteTotalCounter, visitsAttribute } from './dynamo-table-layout.js';

/** An attribute value as stream records carry it (`{ "N": "42" }`, `{ "S": "site#total" }`). */
interface StreamAttributeValue {
  readonly S?: string;
  readonly N?: string;
}

type StreamImage = Readonly<Record<string, StreamAttributeValue | undefined>>;

/**
 * A DynamoDB Streams record, structurally: what a Lambda `DynamoDBStreamEvent` record and the
 * DynamoDB Streams `GetRecords` API both provide.
 */
export interface CounterStreamRecord {
  readonly eventID?: string;
  readonly eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  readonly dynamodb?: {
    readonly Keys?: StreamImage;
    readonly NewImage?: StreamImage;
    readonly OldImage?: StreamImage;
    readonly SequenceNumber?: string;
    readonly StreamViewType?: string;
  };
}

/** The site total before and after one change: the milestone rule's input. */
export interface SiteTotalChange {
  readonly totalBefore: number;
  readonly totalAfter: number;
  /**
   * The stream's sequence number of this change: unique and stable across redeliveries of the record,
   * so it makes a deterministic claimant id.
   */
  readonly sequenceNumber: string;
}

/**
 * Decodes one counters-table stream record. Returns the site total's change for an INSERT or MODIFY
 * of the total item (a first visit inserts it: before = 0); `undefined` for page items and removals,
 * which cross no milestone. A record without the images the NEW_AND_OLD_IMAGES view carries is
 * rejected with BadMessageError saying what is missing: the stream is then set up wrong.
 */
export function decodeCounterStreamRecord(record: CounterStreamRecord): SiteTotalChange | undefined {
  const change = record.dynamodb;
  if (change === undefined) throw new BadMessageError(`stream record ${record.eventID ?? '(no eventID)'} has no "dynamodb" section; is it a DynamoDB Streams record?`);
  const where = `stream record ${record.eventID ?? change.SequenceNumber ?? '(no id)'}`;
  const key = change.Keys?.[countersTableKey]?.S;
  if (key === undefined) throw new BadMessageError(`${where} has no ${countersTableKey} key; is it from the counters table?`);
  if (key !== siteTotalCounter || record.eventName === 'REMOVE') return undefined;
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') {
    throw new BadMessageError(`${where} has eventName ${JSON.stringify(record.eventName)}; expected INSERT, MODIFY or REMOVE`);
  }
  if (change.NewImage === undefined) {
    throw new BadMessageError(`${where} carries no NewImage; set the counters table's stream view type to NEW_AND_OLD_IMAGES (it is ${change.StreamViewType ?? 'unknown'})`);
  }
  if (record.eventName === 'MODIFY' && change.OldImage === undefined) {
    throw new BadMessageError(`${where} is a MODIFY without OldImage; set the counters table's stream view type to NEW_AND_OLD_IMAGES (it is ${change.StreamViewType ?? 'unknown'})`);
  }
  const sequenceNumber = change.SequenceNumber;
  if (sequenceNumber === undefined) throw new BadMessageError(`${where} has no SequenceNumber`);
  return {
    totalBefore: change.OldImage === undefined ? 0 : visits(change.OldImage, `${where} OldImage`),
    totalAfter: visits(change.NewImage, `${where} NewImage`),
    sequenceNumber,
  };
}

function visits(image: StreamImage, where: string): number {
  const raw = image[visitsAttribute]?.N;
  const value = raw === undefined ? Number.NaN : Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new BadMessageError(`${where} has ${visitsAttribute} ${JSON.stringify(image[visitsAttribute])}; expected a whole number >= 0`);
  return value;
}
