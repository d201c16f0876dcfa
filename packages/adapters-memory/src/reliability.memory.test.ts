import { sqsLimits, type JobResult } from '@wordfreq/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryJobQueue } from './memory-job-queue.js';
import { MemoryResultStore } from './memory-result-store.js';

// Issue 11, findings 4 (the table holds the newest version) and 8 (the dead-letter reason travels).

const result = (version: number): JobResult => ({
  resultId: `id-${version}`,
  filename: 'wordfreq-uploads/doc.txt',
  bucket: 'wordfreq-uploads',
  key: 'doc.txt',
  status: 'succeeded',
  words: [],
  bytes: 0,
  totalWords: 0,
  distinctWords: 0,
  startedAt: '2024-05-01T12:00:00.000Z',
  finishedAt: '2024-05-01T12:00:00.000Z',
  durationMs: 0,
  countMs: 0,
  workerId: 'w',
  objectModifiedAt: new Date(version).toISOString(),
});

describe('MemoryResultStore', () => {
  it('converges to the newest version for any order of completions, refusing the older ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 0, max: 4e12 }), { minLength: 1, maxLength: 10 }), async (order) => {
        const store = new MemoryResultStore();
        let newest = -1;
        for (const version of order) {
          expect(await store.save(result(version))).toBe(version > newest ? 'saved' : 'superseded');
          newest = Math.max(newest, version);
        }
        expect((await store.get('wordfreq-uploads/doc.txt'))?.resultId).toBe(`id-${Math.max(...order)}`);
      }),
    );
  });
});

describe('MemoryJobQueue.deadLetter', () => {
  it('keeps the reason when the original has 10 attributes and a body of 1 MiB with them', async () => {
    const deadLetters = new MemoryJobQueue({ name: 'dlq' });
    const queue = new MemoryJobQueue({ name: 'jobs', deadLetterQueue: deadLetters, maxReceiveCount: 5 });
    const attributes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a${i}`, `v${i}`]));
    await queue.send('x'.repeat(sqsLimits.maxMessageBytes - 100), attributes);
    const [delivery] = await queue.receive({ max: 1, waitSeconds: 0, visibilitySeconds: 30 });
    await queue.deadLetter(delivery!, 'CONFIG: HeadObject was refused (AccessDenied)');
    const [copy] = await deadLetters.receive({ max: 1, waitSeconds: 0, visibilitySeconds: 30 });
    expect(copy?.attributes.reason).toBe('CONFIG: HeadObject was refused (AccessDenied)');
    expect(copy?.attributes.trimmed).toBe(`attributes:a8,a9;body:${sqsLimits.maxMessageBytes - 100}`);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
  });
});
