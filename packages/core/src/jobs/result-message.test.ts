import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordFreqError } from '../errors.js';
import type { JobResult } from '../ports/result-store.port.js';
import { resultId } from './result-id.js';
import { parseResultMessage, toResultMessage } from './result-message.js';

const success: JobResult = {
  resultId: 'x',
  filename: 'b/k.txt',
  bucket: 'b',
  key: 'k.txt',
  status: 'succeeded',
  etag: 'e1',
  words: [{ word: 'the', count: 3 }, { word: 'a', count: 1 }],
  bytes: 20,
  totalWords: 4,
  distinctWords: 2,
  startedAt: '2024-05-01T12:00:00.000Z',
  finishedAt: '2024-05-01T12:00:01.000Z',
  durationMs: 1000,
  countMs: 3,
  workerId: 'w',
};
const failure: JobResult = { ...success, status: 'failed', etag: undefined, words: [], totalWords: 0, distinctWords: 0, error: { code: 'NOT_FOUND', message: 'gone' } };

const rejects = (body: unknown, reason: string) => {
  expect(() => parseResultMessage(JSON.stringify(body))).toThrow(reason);
  try {
    parseResultMessage(JSON.stringify(body));
  } catch (error) {
    expect(WordFreqError.hasCode(error, 'BAD_MESSAGE')).toBe(true);
  }
};

describe('result messages', () => {
  it('round-trip with the schema tag and without absent optionals', () => {
    for (const result of [success, failure]) {
      const message = toResultMessage(result);
      expect(message.schema).toBe('wordfreq.result/v1');
      expect(parseResultMessage(JSON.stringify(message))).toEqual(message);
    }
    expect(JSON.stringify(toResultMessage(failure))).not.toContain('etag');
    expect(JSON.stringify(toResultMessage(success))).not.toContain('"error"');
  });

  it('ignores unknown extra fields', () => {
    expect(parseResultMessage(JSON.stringify({ ...toResultMessage(success), region: 'eu' }))).toEqual(toResultMessage(success));
  });

  it('names the field that is wrong', () => {
    const good = toResultMessage(success);
    rejects({ ...good, schema: 'wordfreq.result/v2' }, 'this reader understands "wordfreq.result/v1"');
    rejects({ ...good, status: 'ok' }, 'field "status" must be one of');
    rejects({ ...good, words: [{ word: 'a', count: -1 }] }, 'field "words[0].count" must be a whole number >= 0, got -1');
    rejects({ ...good, words: [{ count: 1 }] }, 'field "words[0].word" must be a string, got nothing');
    rejects({ ...good, startedAt: 'yesterday' }, 'field "startedAt" must be an ISO-8601 timestamp');
    rejects({ ...good, error: { code: 'NOT_FOUND', message: 'x' } }, 'field "error" must be absent when status is "succeeded"');
    rejects({ ...toResultMessage(failure), error: undefined }, 'field "error" must be present when status is "failed"');
    rejects({ ...toResultMessage(failure), error: { code: 'OOPS', message: 'x' } }, 'field "error.code" must be one of');
    expect(() => parseResultMessage('{')).toThrow('result message is not JSON');
  });
});

describe('resultId', () => {
  const identity = fc.record({
    bucket: fc.string(),
    key: fc.string(),
    etag: fc.option(fc.string(), { nil: undefined }),
    status: fc.constantFrom('succeeded' as const, 'failed' as const),
    bytes: fc.nat(),
    totalWords: fc.nat(),
    distinctWords: fc.nat(),
    words: fc.array(fc.record({ word: fc.string(), count: fc.nat() }), { maxLength: 3 }),
  });

  it('depends only on the outcome, not on timings or the worker', () => {
    expect(resultId(success)).toBe(resultId({ ...success, workerId: 'other', durationMs: 5, startedAt: 'then', resultId: 'y' } as JobResult));
    expect(resultId(success)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with any part of the outcome', () => {
    fc.assert(
      fc.property(identity, identity, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(resultId(a)).not.toBe(resultId(b));
      }),
    );
    expect(resultId(failure)).not.toBe(resultId({ ...failure, error: { code: 'NOT_TEXT' } }));
    expect(resultId(success)).not.toBe(resultId({ ...success, etag: 'e2' }));
  });
});
