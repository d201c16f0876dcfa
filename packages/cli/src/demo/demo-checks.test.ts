import type { JobResult } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { checkDemo, type DemoEvidence } from './demo-checks.js';
import type { DemoSummary } from './demo-summary.js';

function result(key: string, totalWords: number, bytes: number, overrides: Partial<JobResult> = {}): JobResult {
  return {
    resultId: `id-${key}`,
    filename: `up/${key}`,
    bucket: 'up',
    key,
    status: 'succeeded',
    etag: 'e',
    words: [],
    bytes,
    totalWords,
    distinctWords: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:00.001Z',
    durationMs: 1,
    countMs: 1,
    workerId: 'worker-1',
    ...overrides,
  };
}

function evidence(): DemoEvidence {
  const results = [result('a.txt', 3, 12), result('b.txt', 2, 9)];
  const summary = {
    totalWords: 5,
    deadLetters: 0,
    emails: 1,
    visits: { before: 999_000, simulated: 2000, after: 1_001_000, threshold: 1_000_000 },
  } as Omit<DemoSummary, 'checks'>;
  return {
    uploaded: ['a.txt', 'b.txt'],
    uploadBucket: 'up',
    results,
    tally: { bytes: 21, totalWords: 5, counts: new Map([['x', 5]]) },
    published: ['id-a.txt', 'id-b.txt'],
    backupKeys: ['b.txt', 'a.txt'],
    backupFailures: 0,
    visits: { before: 999_000, after: 1_001_000, milestonesSeen: [1_000_000] },
    summary,
  };
}

const failing = (e: DemoEvidence) => checkDemo(e).filter((check) => !check.ok).map((check) => check.name);

describe('checkDemo', () => {
  it('passes every check when the evidence is consistent', () => {
    expect(failing(evidence())).toEqual([]);
  });

  it('catches a missing result and a result for a file never uploaded', () => {
    const e = evidence();
    expect(failing({ ...e, results: e.results.slice(0, 1) })).toContain('one result per file');
    expect(failing({ ...e, results: [e.results[0], result('c.txt', 2, 9)] })).toContain('one result per file');
  });

  it('catches totals that differ from the independent count, in words or bytes', () => {
    const e = evidence();
    expect(failing({ ...e, tally: { ...e.tally, totalWords: 6 } })).toEqual(['totals match an independent count']);
    expect(failing({ ...e, tally: { ...e.tally, bytes: 20 } })).toEqual(['totals match an independent count']);
  });

  it('accepts duplicate deliveries on the results queue but not a missing or foreign message', () => {
    const e = evidence();
    expect(failing({ ...e, published: [...e.published, 'id-a.txt'] })).toEqual([]);
    expect(failing({ ...e, published: ['id-a.txt'] })).toEqual(['one published message per result']);
    expect(failing({ ...e, published: [...e.published, 'other'] })).toEqual(['one published message per result']);
  });

  it('catches a missing backup, a failed copy, dead letters, lost visits and a second email', () => {
    const e = evidence();
    expect(failing({ ...e, backupKeys: ['a.txt'] })).toEqual(['every upload backed up']);
    expect(failing({ ...e, backupFailures: 1 })).toEqual(['every upload backed up']);
    expect(failing({ ...e, summary: { ...e.summary, deadLetters: 1 } })).toEqual(['no dead letters']);
    expect(failing({ ...e, visits: { ...e.visits, after: 1_000_999 } })).toEqual(['visits counted exactly']);
    expect(failing({ ...e, summary: { ...e.summary, emails: 2 } })).toEqual(['exactly one congratulation email']);
    expect(failing({ ...e, visits: { ...e.visits, milestonesSeen: [1_000_000, 1_000_000] } })).toEqual(['exactly one congratulation email']);
  });
});
