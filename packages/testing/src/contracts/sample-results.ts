import { resultId, type JobResult } from '@wordfreq/core';

/** A succeeded result for `bucket/key`, with a correct deterministic `resultId`; override what you test. */
export function succeededResult(bucket: string, key: string, overrides: Partial<JobResult> = {}): JobResult {
  const base = {
    filename: `${bucket}/${key}`,
    bucket,
    key,
    status: 'succeeded' as const,
    etag: 'd41d8cd98f00b204e9800998ecf8427e',
    words: [
      { word: 'the', count: 64_203 },
      { word: 'café', count: 1_200 },
      { word: "don't", count: 311 },
      { word: '日本', count: 7 },
    ],
    bytes: 4_332_554,
    totalWords: 790_000,
    distinctWords: 12_850,
    startedAt: '2024-05-01T12:00:00.000Z',
    finishedAt: '2024-05-01T12:00:01.250Z',
    durationMs: 1250,
    countMs: 1100.5,
    workerId: 'i-0abc123:worker-1',
    ...overrides,
  };
  return { resultId: resultId(base), ...base };
}

/** A failed result (the object was missing): no ETag, no words, an error code and message. */
export function failedResult(bucket: string, key: string): JobResult {
  const base = {
    filename: `${bucket}/${key}`,
    bucket,
    key,
    status: 'failed' as const,
    words: [],
    bytes: 0,
    totalWords: 0,
    distinctWords: 0,
    error: { code: 'NOT_FOUND' as const, message: `NOT_FOUND: no object "${key}" in bucket "${bucket}"` },
    startedAt: '2024-05-01T12:00:00.000Z',
    finishedAt: '2024-05-01T12:00:00.020Z',
    durationMs: 20,
    countMs: 0,
    workerId: 'lambda:wordfreq-jobs',
  };
  return { resultId: resultId(base), ...base };
}
