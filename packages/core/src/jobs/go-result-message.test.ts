import { describe, expect, it } from 'vitest';
import type { JobResult } from '../ports/result-store.port.js';
import { goResultMessageJson, parseGoResultMessage, toGoResultMessage } from './go-result-message.js';
import { readResultMessage, resultMessageBody } from './result-message-format.js';
import { toResultMessage } from './result-message.js';

const result: JobResult = {
  resultId: 'abc',
  filename: 'uploads/a b.txt',
  bucket: 'uploads',
  key: 'a b.txt',
  status: 'succeeded',
  etag: 'e',
  words: [
    { word: 'before', count: 609 },
    { word: 'r&d<x>', count: 2 },
  ],
  bytes: 10,
  totalWords: 1,
  distinctWords: 1,
  startedAt: '2026-11-27T10:00:00.450Z',
  finishedAt: '2026-11-27T10:00:00.4955Z',
  durationMs: 45.5000004,
  countMs: 13,
  workerId: 'w',
};

// What the Go sample sends, by hand from its JobResult struct: json.Marshal keeps field order, writes
// time.Time as RFC 3339 with trailing zeros of the fraction dropped, time.Duration as integer
// nanoseconds, a nil Words as null, and escapes <, > and & (HTML-safe by default).
describe('the Go sample results message', () => {
  it('writes exactly the bytes the Go sample writes for a success', () => {
    expect(goResultMessageJson(result, 'eu-west-1')).toBe(
      '{"Job":{"StartedAt":"2026-11-27T10:00:00.45Z","Region":"eu-west-1","Bucket":"uploads","Key":"a b.txt"},' +
        '"Words":[{"Word":"before","Count":609},{"Word":"r\\u0026d\\u003cx\\u003e","Count":2}],"Duration":45500000,"Status":"success","StatusMessage":""}',
    );
  });

  it('writes a failure with a null Words, the code leading the StatusMessage, and a whole-second time without a fraction', () => {
    const failed: JobResult = { ...result, status: 'failed', words: [], startedAt: '2026-11-27T10:00:01.000Z', error: { code: 'NOT_TEXT', message: 'has a NUL byte' } };
    expect(goResultMessageJson(failed, 'eu-west-1')).toBe(
      '{"Job":{"StartedAt":"2026-11-27T10:00:01Z","Region":"eu-west-1","Bucket":"uploads","Key":"a b.txt"},"Words":null,"Duration":45500000,"Status":"failure","StatusMessage":"NOT_TEXT: has a NUL byte"}',
    );
  });

  it('keeps Duration an integer an int64 and a JSON number both hold exactly', () => {
    expect(toGoResultMessage({ ...result, durationMs: Number.MAX_VALUE }, 'r').Duration).toBe(Number.MAX_SAFE_INTEGER);
    expect(toGoResultMessage({ ...result, durationMs: 0.0000004 }, 'r').Duration).toBe(0);
    expect(toGoResultMessage({ ...result, durationMs: 1.0000006 }, 'r').Duration).toBe(1_000_001);
  });

  it('reads a message as the Go sample writes it: its words in its order, nanosecond time, finishedAt from the duration', () => {
    const body =
      '{"Job":{"StartedAt":"2026-11-27T10:00:00.123456789Z","Region":"us-west-2","Bucket":"uploads","Key":"moby.txt"},' +
      '"Words":[{"Word":"whale","Count":1150},{"Word":"there","Count":1150}],"Duration":45000000,"Status":"success","StatusMessage":""}';
    expect(parseGoResultMessage(body)).toEqual({
      resultId: '',
      filename: 'uploads/moby.txt',
      bucket: 'uploads',
      key: 'moby.txt',
      status: 'succeeded',
      words: [
        { word: 'whale', count: 1150 },
        { word: 'there', count: 1150 },
      ],
      bytes: 0,
      totalWords: 0,
      distinctWords: 0,
      startedAt: '2026-11-27T10:00:00.123456789Z',
      finishedAt: '2026-11-27T10:00:00.168Z',
      durationMs: 45,
      countMs: 0,
      workerId: '',
      origin: 'go-sample',
    });
  });

  it('reads the Go sample’s failure (nil Words, a Go error text) as INTERNAL, and ours with their code', () => {
    const go = '{"Job":{"StartedAt":"2026-11-27T10:00:00Z","Region":"us-west-2","Bucket":"b","Key":"k"},"Words":null,"Duration":1,"Status":"failure","StatusMessage":"NoSuchKey: The specified key does not exist."}';
    expect(parseGoResultMessage(go)).toMatchObject({ status: 'failed', words: [], error: { code: 'INTERNAL', message: 'NoSuchKey: The specified key does not exist.' } });
    const ours = goResultMessageJson({ ...result, status: 'failed', words: [], error: { code: 'NOT_TEXT', message: 'has a NUL byte' } }, 'eu-west-1');
    expect(parseGoResultMessage(ours)).toMatchObject({ status: 'failed', words: [], error: { code: 'NOT_TEXT', message: 'has a NUL byte' } });
  });

  it('rejects a message that is not the Go sample’s, saying what it needs', () => {
    expect(() => parseGoResultMessage('{"Status":"success"}')).toThrow(/needs "Job" with string "Bucket" and "Key"/);
    expect(() => parseGoResultMessage('{"Job":{"Bucket":"b","Key":"k"},"Status":"ok"}')).toThrow(/expected "success" or "failure"/);
    expect(() => parseGoResultMessage('{"Job":{"Bucket":"b","Key":"k"},"Status":"success","Duration":1.5}')).toThrow(/"Duration" must be whole nanoseconds, got 1.5/);
    expect(() => parseGoResultMessage('{"Job":{"Bucket":"b","Key":"k"},"Status":"success","Words":[{"Word":"a","Count":"2"}]}')).toThrow(/Words\[0\] must be \{Word: string, Count: integer\}/);
    expect(() => parseGoResultMessage('nope')).toThrow(/not JSON/);
  });
});

describe('results message formats', () => {
  it('writes ours by default and the Go sample’s with format go', () => {
    expect(JSON.parse(resultMessageBody(result, 'wordfreq', 'eu-west-1'))).toEqual(toResultMessage(result));
    expect(resultMessageBody(result, 'go', 'eu-west-1')).toBe(goResultMessageJson(result, 'eu-west-1'));
  });

  it('reads either format back: ours whole, the Go sample’s marked go-sample', () => {
    expect(readResultMessage(resultMessageBody(result, 'wordfreq', 'r'))).toEqual(result);
    expect(readResultMessage(resultMessageBody(result, 'go', 'r'))).toMatchObject({ filename: result.filename, words: result.words, origin: 'go-sample', durationMs: 45.5 });
    expect(() => readResultMessage('{"words":[]}')).toThrow(/schema/);
  });
});
