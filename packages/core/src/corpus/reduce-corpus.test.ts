import { describe, expect, it } from 'vitest';
import { parseResultMessage, toResultMessage } from '../jobs/result-message.js';
import { corpusFilename } from './corpus-request.js';
import type { PartialCounts } from './partial-counts.js';
import { reduceCorpus, type ReduceCorpusInput } from './reduce-corpus.js';

const partial = (parts: number, bytes: number, entries: [string, number][]): PartialCounts => ({
  parts,
  bytes,
  totalWords: entries.reduce((sum, [, n]) => sum + n, 0),
  counts: new Map(entries),
});

const input: ReduceCorpusInput = {
  request: { bucket: 'books', prefix: 'kjv/' },
  plan: { parts: 3, objects: 2, bytes: 60 },
  top: 2,
  startedAt: '2026-12-02T01:00:00.000Z',
  finishedAt: '2026-12-02T01:00:02.500Z',
  countMs: 1800,
  workerId: 'reducer',
};

const partials = [partial(1, 10, [['the', 2], ['ark', 1]]), partial(2, 50, [['the', 1], ['ark', 2], ['zoo', 3]])];

describe('reduceCorpus', () => {
  it('merges the partials into a result of kind corpus, named bucket/prefix*', () => {
    const result = reduceCorpus(partials, input);
    expect(result).toMatchObject({
      filename: 'books/kjv/*',
      bucket: 'books',
      key: 'kjv/*',
      kind: 'corpus',
      status: 'succeeded',
      // Ties in our order: count descending, then word ascending.
      words: [{ word: 'ark', count: 3 }, { word: 'the', count: 3 }],
      bytes: 60,
      totalWords: 9,
      distinctWords: 3,
      corpus: { parts: 3, objects: 2 },
      durationMs: 2500,
      countMs: 1800,
    });
    expect(result.resultId).toMatch(/^[0-9a-f]{16}$/);
    expect(reduceCorpus([...partials].reverse(), input).resultId).toBe(result.resultId);
  });

  it('goes on the results queue like any result, kind and totals included', () => {
    const result = reduceCorpus(partials, input);
    const message = parseResultMessage(JSON.stringify(toResultMessage(result)));
    expect(message).toMatchObject({ kind: 'corpus', corpus: { parts: 3, objects: 2 }, filename: 'books/kjv/*' });
    expect(() => parseResultMessage(JSON.stringify({ ...toResultMessage(result), kind: 'object' }))).toThrow(/"corpus" may be present only when kind is "corpus"/);
  });

  it('names one object as that object is named', () => {
    expect(corpusFilename({ bucket: 'books', key: 'kjv/bible.txt' })).toBe('books/kjv/bible.txt');
    expect(corpusFilename({ bucket: 'books', prefix: '' })).toBe('books/*');
    expect(() => corpusFilename({ bucket: 'books' } as never)).toThrow(/names a prefix or a key \(exactly one\)/);
  });

  it('refuses partials that miss a part or hold one twice', () => {
    expect(() => reduceCorpus(partials.slice(1), input)).toThrow(/cover 2 parts and 50 bytes, but the plan has 3 parts and 60 bytes: a part is missing or was merged twice/);
    expect(() => reduceCorpus([...partials, partials[0]], input)).toThrow(/cover 4 parts/);
    expect(() => reduceCorpus(partials, { ...input, finishedAt: '2026-12-02T00:00:00Z' })).toThrow(/startedAt <= finishedAt/);
  });
});
