import { describe, expect, it } from 'vitest';
import { InternalError, TransientError } from '../errors.js';
import type { Delivery } from '../ports/queue.port.js';
import { FakeObjectStore, FakePublisher, FakeResultStore, manualClock } from './fakes.test-support.js';
import { handleJobMessage } from './handle-job-message.js';
import type { ProcessJobOptions } from './process-job.js';
import { toS3EventNotification } from './s3-event-notification.js';

const options: ProcessJobOptions = { count: {}, maxBytes: 100, workerId: 'w' };
const delivery = (body: string, receiveCount = 1): Delivery => ({ id: 'm-1', body, receiveCount, attributes: {}, handle: 'h-1' });

function setup() {
  const storage = new FakeObjectStore();
  const results = new FakeResultStore();
  const publisher = new FakePublisher();
  return { storage, results, publisher, deps: { storage, results, publisher, clock: manualClock() } };
}

describe('handleJobMessage', () => {
  it('acks a counted upload with its result', async () => {
    const { storage, results, deps } = setup();
    await storage.put({ bucket: 'uploads', key: 'my notes.txt' }, 'one two two');
    const outcome = await handleJobMessage(delivery(toS3EventNotification([{ bucket: 'uploads', key: 'my notes.txt' }])), deps, options);
    expect(outcome.action).toBe('ack');
    if (outcome.action !== 'ack') return;
    expect(outcome.results.map((r) => [r.filename, r.status, r.words])).toEqual([['uploads/my notes.txt', 'succeeded', [{ word: 'two', count: 2 }, { word: 'one', count: 1 }]]]);
    expect(results.rows.has('uploads/my notes.txt')).toBe(true);
  });

  it('acks permanent failures with their failed results (never retried forever)', async () => {
    const { storage, publisher, deps } = setup();
    await storage.put({ bucket: 'uploads', key: 'big.txt' }, 'x'.repeat(101));
    await storage.put({ bucket: 'uploads', key: 'cat.jpg' }, Uint8Array.from([0xff, 0xd8, 0, 0x10]));
    const body = toS3EventNotification([{ bucket: 'uploads', key: 'missing.txt' }, { bucket: 'uploads', key: 'big.txt' }, { bucket: 'uploads', key: 'cat.jpg' }]);
    const outcome = await handleJobMessage(delivery(body), deps, options);
    expect(outcome.action).toBe('ack');
    if (outcome.action !== 'ack') return;
    expect(outcome.results.map((r) => r.error?.code)).toEqual(['NOT_FOUND', 'TOO_LARGE', 'NOT_TEXT']);
    expect(publisher.published).toHaveLength(3);
  });

  it('acks an S3 test event with no results and touches nothing', async () => {
    const { storage, deps } = setup();
    const outcome = await handleJobMessage(delivery('{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"uploads"}'), deps, options);
    expect(outcome).toEqual({ action: 'ack', results: [] });
    expect(storage.calls).toEqual([]);
  });

  it('dead-letters an unreadable message with the reason', async () => {
    const { storage, deps } = setup();
    const outcome = await handleJobMessage(delivery('{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"uploads"}}}]}'), deps, options);
    expect(outcome).toEqual({ action: 'dead-letter', reason: 'BAD_MESSAGE: record 1 has no s3.object.key' });
    expect(storage.calls).toEqual([]);
    expect(await handleJobMessage(delivery('<xml/>'), deps, options)).toMatchObject({ action: 'dead-letter', reason: expect.stringContaining('not JSON') });
  });

  it('asks for a retry on a transient failure, keeping what was done so far', async () => {
    const { storage, results, deps } = setup();
    await storage.put({ bucket: 'uploads', key: 'a.txt' }, 'alpha');
    await storage.put({ bucket: 'uploads', key: 'b.txt' }, 'beta');
    await storage.put({ bucket: 'uploads', key: 'c.txt' }, 'gamma');
    const throttled = new TransientError('SlowDown: reduce your request rate');
    storage.failures.read = [undefined, throttled];
    const body = toS3EventNotification(['a.txt', 'b.txt', 'c.txt'].map((key) => ({ bucket: 'uploads', key })));
    const outcome = await handleJobMessage(delivery(body), deps, options);
    expect(outcome.action).toBe('retry');
    if (outcome.action !== 'retry') return;
    expect(outcome.error).toBe(throttled);
    expect(outcome.results.map((r) => r.key)).toEqual(['a.txt']);
    expect([...results.rows.keys()]).toEqual(['uploads/a.txt']);

    // The redelivery does everything; the repeated job keeps one row and the same resultId.
    const again = await handleJobMessage(delivery(body, 2), deps, options);
    expect(again.action).toBe('ack');
    if (again.action !== 'ack') return;
    expect(again.results.map((r) => r.key)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(again.results[0].resultId).toBe(outcome.results[0].resultId);
    expect(results.rows.size).toBe(3);
  });

  it('retries on errors that are WordFreqErrors but not permanent job failures', async () => {
    const { storage, deps } = setup();
    await storage.put({ bucket: 'uploads', key: 'a.txt' }, 'alpha');
    storage.failures.read = [new InternalError('adapter bug')];
    expect((await handleJobMessage(delivery('{"bucket":"uploads","key":"a.txt"}'), deps, options)).action).toBe('retry');
  });
});
