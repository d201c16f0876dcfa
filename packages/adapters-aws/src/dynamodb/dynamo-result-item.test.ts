import type { JobResult } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { fromResultItem, toResultItem } from './dynamo-result-item.js';

const objectResult: JobResult = {
  resultId: '0123456789abcdef',
  filename: 'uploads/a.txt',
  bucket: 'uploads',
  key: 'a.txt',
  status: 'succeeded',
  etag: 'abc',
  words: [{ word: 'be', count: 2 }],
  bytes: 18,
  totalWords: 6,
  distinctWords: 4,
  startedAt: '2026-12-02T00:00:00.000Z',
  finishedAt: '2026-12-02T00:00:01.000Z',
  durationMs: 1000,
  countMs: 3,
  workerId: 'lambda:wordfreq-jobs',
  published: false,
};

describe('a results-table row', () => {
  it("keeps a corpus result's kind and parts (Kind, CorpusParts, CorpusObjects), and writes none of them for one object", () => {
    const corpus: JobResult = { ...objectResult, filename: 'uploads/books/*', key: 'books/*', kind: 'corpus', corpus: { parts: 8192, objects: 120 } };
    const row = toResultItem(corpus) as unknown as Record<string, unknown>;
    expect(row).toMatchObject({ Filename: 'uploads/books/*', Kind: 'corpus', CorpusParts: 8192, CorpusObjects: 120 });
    expect(fromResultItem(row, 'wordfreq')).toEqual(corpus);
    const plain = toResultItem(objectResult) as unknown as Record<string, unknown>;
    expect(Object.keys(plain).filter((k) => k === 'Kind' || k.startsWith('Corpus'))).toEqual([]);
    expect(fromResultItem(plain, 'wordfreq')).toEqual(objectResult);
  });

  it('reports a row whose Kind another program wrote', () => {
    const row = { ...(toResultItem(objectResult) as unknown as Record<string, unknown>), Kind: 'bundle' };
    expect(() => fromResultItem(row, 'wordfreq')).toThrow(/Kind = "bundle", expected "object" or "corpus"/);
  });
});
