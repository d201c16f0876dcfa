import { BadMessageError } from '@wordfreq/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCounterStreamRecord, type CounterStreamRecord } from './counter-stream-record.js';

const totalKey = { Counter: { S: 'site#total' } };

function record(eventName: string, oldVisits: number | undefined, newVisits: number | undefined, keys = totalKey): CounterStreamRecord {
  return {
    eventID: 'e1',
    eventName,
    dynamodb: {
      Keys: keys,
      ...(oldVisits === undefined ? {} : { OldImage: { ...keys, Visits: { N: String(oldVisits) } } }),
      ...(newVisits === undefined ? {} : { NewImage: { ...keys, Visits: { N: String(newVisits) } } }),
      SequenceNumber: '100',
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

describe('decodeCounterStreamRecord', () => {
  it('decodes any MODIFY of the site total into its before and after', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.integer({ min: 1, max: 1000 }), (before, by) => {
        expect(decodeCounterStreamRecord(record('MODIFY', before, before + by))).toEqual({ totalBefore: before, totalAfter: before + by, sequenceNumber: '100' });
      }),
    );
  });

  it('reads the first visit (INSERT, no old image) as a change from 0', () => {
    expect(decodeCounterStreamRecord(record('INSERT', undefined, 1))).toMatchObject({ totalBefore: 0, totalAfter: 1 });
  });

  it('ignores page counters and removals', () => {
    expect(decodeCounterStreamRecord(record('MODIFY', 1, 2, { Counter: { S: 'page#/home' } }))).toBeUndefined();
    expect(decodeCounterStreamRecord(record('REMOVE', 5, undefined))).toBeUndefined();
  });

  it('says what is wrong with a record from a stream without images', () => {
    const keysOnly: CounterStreamRecord = { eventID: 'e9', eventName: 'MODIFY', dynamodb: { Keys: totalKey, SequenceNumber: '1', StreamViewType: 'KEYS_ONLY' } };
    expect(() => decodeCounterStreamRecord(keysOnly)).toThrow(BadMessageError);
    expect(() => decodeCounterStreamRecord(keysOnly)).toThrow(/NEW_AND_OLD_IMAGES \(it is KEYS_ONLY\)/);
  });

  it('rejects records that are not from the counters table or not numbers', () => {
    expect(() => decodeCounterStreamRecord({ eventName: 'MODIFY' })).toThrow(/no "dynamodb" section/);
    expect(() => decodeCounterStreamRecord(record('MODIFY', 1, 2, { Filename: { S: 'b/k' } } as never))).toThrow(/no Counter key/);
    const notANumber = record('MODIFY', 1, 2);
    (notANumber.dynamodb!.NewImage as Record<string, unknown>).Visits = { S: 'many' };
    expect(() => decodeCounterStreamRecord(notANumber)).toThrow(/Visits .*whole number/);
  });
});
