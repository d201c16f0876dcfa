import { describe, expect, it } from 'vitest';
import { TransientError } from '../errors.js';
import type { JobResult } from '../ports/result-store.port.js';
import { FakePublisher, FakeResultStore } from './fakes.test-support.js';
import { saveAndPublish } from './save-and-publish.js';

const result = (resultId: string, objectModifiedAt = '2024-05-01T12:00:00.000Z'): JobResult => ({
  resultId,
  filename: 'up/a.txt',
  bucket: 'up',
  key: 'a.txt',
  status: 'succeeded',
  words: [{ word: 'alpha', count: 1 }],
  bytes: 5,
  totalWords: 1,
  distinctWords: 1,
  startedAt: '2024-05-01T12:00:00.000Z',
  finishedAt: '2024-05-01T12:00:01.000Z',
  durationMs: 1000,
  countMs: 1,
  workerId: 'w',
  objectModifiedAt,
  published: false,
});

/** A result store that counts its writes. */
function countingStore() {
  const store = new FakeResultStore();
  const writes: string[] = [];
  const save = store.save.bind(store);
  const mark = store.markPublished.bind(store);
  const unmark = store.markUnpublished.bind(store);
  store.save = (r) => (writes.push('save'), save(r));
  store.markPublished = (f, id) => (writes.push('markPublished'), mark(f, id));
  store.markUnpublished = (f, id) => (writes.push('markUnpublished'), unmark(f, id));
  return { store, writes };
}

describe('saveAndPublish (the outbox in one write)', () => {
  it('saves the row already flagged as sent, then sends it: one write, one send', async () => {
    const { store, writes } = countingStore();
    const publisher = new FakePublisher();
    expect(await saveAndPublish(result('r1'), { results: store, publisher })).toBe('saved');
    expect(writes).toEqual(['save']);
    expect(store.rows.get('up/a.txt')).toEqual({ ...result('r1'), published: true });
    expect(publisher.published).toEqual([{ ...result('r1'), published: true }]);
  });

  it('clears the flag when the send fails, and the send error propagates for the job to be retried', async () => {
    const { store, writes } = countingStore();
    const publisher = new FakePublisher();
    const sendError = new TransientError('SendMessage to queue results failed for now');
    publisher.failures = [sendError];
    await expect(saveAndPublish(result('r1'), { results: store, publisher })).rejects.toBe(sendError);
    expect(writes).toEqual(['save', 'markUnpublished']);
    expect(store.rows.get('up/a.txt')?.published).toBe(false);
    // The retry sends it and leaves it flagged.
    expect(await saveAndPublish(result('r1'), { results: store, publisher })).toBe('saved');
    expect(store.rows.get('up/a.txt')?.published).toBe(true);
  });

  it('still throws the send error, and says what it means, when the flag cannot be cleared either', async () => {
    const store = new FakeResultStore();
    store.markUnpublished = async () => {
      throw new TransientError('UpdateItem failed for now');
    };
    const publisher = new FakePublisher();
    const sendError = new TransientError('SendMessage failed for now');
    publisher.failures = [sendError];
    const warnings: [string, Record<string, unknown> | undefined][] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (message: string, fields?: Record<string, unknown>) => void warnings.push([message, fields]) };
    await expect(saveAndPublish(result('r1'), { results: store, publisher, logger })).rejects.toBe(sendError);
    expect(warnings).toEqual([[expect.stringMatching(/could not be flagged unpublished; its job is retried/), expect.objectContaining({ filename: 'up/a.txt', resultId: 'r1', error: 'UpdateItem failed for now' })]]);
  });

  it('neither sends nor flags a result older than the row', async () => {
    const { store, writes } = countingStore();
    const publisher = new FakePublisher();
    await saveAndPublish(result('new', '2024-05-02T00:00:00.000Z'), { results: store, publisher });
    expect(await saveAndPublish(result('old', '2024-05-01T00:00:00.000Z'), { results: store, publisher })).toBe('superseded');
    expect(writes).toEqual(['save', 'save']);
    expect(publisher.published.map((r) => r.resultId)).toEqual(['new']);
    expect(store.rows.get('up/a.txt')?.resultId).toBe('new');
  });
});
