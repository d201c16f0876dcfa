import { MemoryJobQueue, MemoryResultStore } from '@wordfreq/adapters-memory';
import { toResultMessage, type JobResult } from '@wordfreq/core';
import { failedResult, succeededResult } from '@wordfreq/testing';
import { describe, expect, it } from 'vitest';
import { accountForJobs } from './job-accounting.js';
import type { Upload } from './loadtest-uploads.js';

const bucket = 'loadtest-bucket';
const uploads: Upload[] = ['a.txt', 'b.txt', 'c.txt'].map((key, i) => ({ key, bytes: 10, arrivalSeconds: i / 10 }));

/** The results a run left: rows saved and messages published, as the workers' use case does both. */
async function sources(published: readonly JobResult[], options: { deadLetters?: number; extraRows?: JobResult[] } = {}) {
  const results = new MemoryResultStore();
  const resultsQueue = new MemoryJobQueue({ name: 'results' });
  const deadLetters = new MemoryJobQueue({ name: 'dead-letters' });
  for (const result of [...published, ...(options.extraRows ?? [])]) await results.save(result);
  for (const result of published) await resultsQueue.send(JSON.stringify(toResultMessage(result)));
  for (let i = 0; i < (options.deadLetters ?? 0); i += 1) await deadLetters.send('{"unreadable": true}');
  return { bucket, results, resultsQueue, deadLetters };
}

describe('accountForJobs', () => {
  it('finds exactly one result per file when each job ran once', async () => {
    const { accounting, rows } = await accountForJobs(uploads, await sources(uploads.map((u) => succeededResult(bucket, u.key))));
    expect(accounting).toEqual({
      uploaded: 3,
      resultRows: 3,
      resultMessages: 3,
      missing: [],
      unpublished: [],
      duplicated: [],
      failed: [],
      deadLettered: 0,
      exactlyOnce: true,
    });
    expect(rows.map((row) => row.key).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('catches a job that ran twice from its second result message, though the table keeps one row', async () => {
    const twice = [...uploads.map((u) => succeededResult(bucket, u.key)), succeededResult(bucket, 'b.txt', { workerId: 'other' })];
    const { accounting } = await accountForJobs(uploads, await sources(twice));
    expect(accounting).toMatchObject({ resultRows: 3, resultMessages: 4, duplicated: [`${bucket}/b.txt`], exactlyOnce: false });
  });

  it('catches lost, failed and dead-lettered jobs', async () => {
    const { accounting } = await accountForJobs(uploads, await sources([succeededResult(bucket, 'a.txt'), failedResult(bucket, 'c.txt')], { deadLetters: 1 }));
    expect(accounting).toMatchObject({ missing: [`${bucket}/b.txt`], failed: [`${bucket}/c.txt`], deadLettered: 1, exactlyOnce: false });
  });

  it('catches a row whose result never reached the results queue', async () => {
    const rowsOnly = { extraRows: [succeededResult(bucket, 'c.txt')] };
    const { accounting } = await accountForJobs(uploads, await sources([succeededResult(bucket, 'a.txt'), succeededResult(bucket, 'b.txt')], rowsOnly));
    expect(accounting).toMatchObject({ resultRows: 3, resultMessages: 2, missing: [], unpublished: [`${bucket}/c.txt`], exactlyOnce: false });
  });

  it('ignores results of files the run did not upload', async () => {
    const { accounting } = await accountForJobs(uploads, await sources([...uploads.map((u) => succeededResult(bucket, u.key)), succeededResult('elsewhere', 'a.txt')]));
    expect(accounting).toMatchObject({ resultRows: 3, resultMessages: 3, exactlyOnce: true });
  });
});
