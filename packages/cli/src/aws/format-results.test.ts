import type { JobResult } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { formatResult, formatResultJson, formatResultsTable } from './format-results.js';

const base: JobResult = {
  resultId: 'r1',
  filename: 'up/book.txt',
  bucket: 'up',
  key: 'book.txt',
  status: 'succeeded',
  etag: 'e',
  words: [
    { word: 'the', count: 1200 },
    { word: 'of', count: 700 },
    { word: 'and', count: 650 },
    { word: 'to', count: 10 },
  ],
  bytes: 25_000,
  totalWords: 4000,
  distinctWords: 900,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:00.010Z',
  durationMs: 10,
  countMs: 4,
  workerId: 'w',
};
const failed: JobResult = {
  ...base,
  resultId: 'r2',
  filename: 'up/cat.jpg',
  key: 'cat.jpg',
  status: 'failed',
  words: [],
  totalWords: 0,
  distinctWords: 0,
  error: { code: 'NOT_TEXT', message: 'up/cat.jpg has a NUL byte at offset 12; only text files are counted' },
};

describe('result formatting', () => {
  it('shows one result with its top words, indented under a headline', () => {
    expect(formatResult(base)).toBe(
      ['up/book.txt: 4,000 words, 900 different, 25.0 kB', '  word  count', '  the   1,200', '  of      700', '  and     650', '  to       10', ''].join('\n'),
    );
  });

  it('shows a failure with its reason', () => {
    expect(formatResult(failed)).toBe('up/cat.jpg: failed, NOT_TEXT: up/cat.jpg has a NUL byte at offset 12; only text files are counted\n');
  });

  it('lists many results one line each, with the first three words or the error code', () => {
    const lines = formatResultsTable([base, failed]).split('\n');
    expect(lines[0]).toMatch(/^file\s+status\s+bytes\s+words\s+different\s+top words \(or error\)$/);
    expect(lines[1]).toMatch(/^up\/book\.txt\s+succeeded\s+25,000\s+4,000\s+900\s+the 1,200, of 700, and 650$/);
    expect(lines[2]).toMatch(/^up\/cat\.jpg\s+failed\s+25,000\s+0\s+0\s+NOT_TEXT$/);
  });

  it('shows a row written by the Go sample as what it holds: its top words, said to come from the Go sample, no zero totals', () => {
    const go: JobResult = { ...base, resultId: '', etag: undefined, bytes: 0, totalWords: 0, distinctWords: 0, workerId: '', origin: 'go-sample' };
    expect(formatResult(go).split('\n')[0]).toBe('up/book.txt: from the Go sample (it keeps only the top words, no totals)');
    expect(formatResult(go).split('\n')[2]).toBe('  the   1,200');
    expect(formatResultsTable([go, failed]).split('\n')[1]).toMatch(/^up\/book\.txt\s+succeeded \(Go sample\)\s+the 1,200, of 700, and 650$/);
  });

  it('prints the stored result as one JSON line', () => {
    expect(JSON.parse(formatResultJson(base))).toEqual(base);
  });
});
