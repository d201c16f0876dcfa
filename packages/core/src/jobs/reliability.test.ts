import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, TransientError } from '../errors.js';
import type { ObjectRef, ObjectStore } from '../ports/object-store.port.js';
import type { Delivery } from '../ports/queue.port.js';
import { deadLetterCopy, sqsLimits, validateQueueMessage } from '../ports/queue-limits.js';
import type { JobResult } from '../ports/result-store.port.js';
import { FakeObjectStore, FakePublisher, FakeResultStore, manualClock } from './fakes.test-support.js';
import { handleJobMessage, type HandleJobMessageOptions } from './handle-job-message.js';
import { processJob } from './process-job.js';
import { republishUnpublished } from './republish-unpublished.js';
import { toResultMessage } from './result-message.js';
import { goResultMessageJson } from './go-result-message.js';
import { fitResultToLimits, resultLimits } from './result-limits.js';
import { toS3EventNotification } from './s3-event-notification.js';

// Issue 11's findings 2, 4, 5, 6, 7 and 8, each as the scenario that went wrong.

const bucket = 'wordfreq-uploads';
const options: HandleJobMessageOptions = { count: {}, maxBytes: 1 << 22, workerId: 'w', allowedBuckets: [bucket] };
const delivery = (body: string, receiveCount = 1): Delivery => ({ id: 'm-1', body, receiveCount, attributes: {}, handle: 'h-1' });

function setup() {
  const clock = manualClock();
  const storage = new FakeObjectStore();
  storage.clock = clock;
  const results = new FakeResultStore();
  const publisher = new FakePublisher();
  const sent: { body: string; attributes?: Readonly<Record<string, string>> }[] = [];
  const jobs = { send: async (body: string, attributes?: Readonly<Record<string, string>>) => (sent.push({ body, attributes }), `sent-${sent.length}`) };
  return { clock, storage, results, publisher, sent, deps: { storage, results, publisher, clock, jobs } };
}

const badMessage = async (body: string) => {
  const outcome = await handleJobMessage(delivery(body), setup().deps, options);
  expect(outcome.action).toBe('dead-letter');
  return outcome.action === 'dead-letter' ? outcome.reason : '';
};

describe('finding 2: outcomes too big to store or publish', () => {
  it('skips a 1 MB token instead of making it the top word', async () => {
    const { storage, deps, publisher } = setup();
    await storage.put({ bucket, key: 'long.txt' }, `${'a'.repeat(1 << 20)} short words short`);
    const outcome = await handleJobMessage(delivery(JSON.stringify({ bucket, key: 'long.txt' })), deps, options);
    expect(outcome.action).toBe('ack');
    expect(publisher.published[0]?.words).toEqual([{ word: 'short', count: 2 }, { word: 'words', count: 1 }]);
    const message = JSON.stringify(toResultMessage(publisher.published[0]!));
    expect(() => validateQueueMessage('results', message, {})).not.toThrow();
  });

  it('refuses an object key over 1,024 UTF-8 bytes as an unreadable message, and accepts one of exactly 1,024', async () => {
    expect(await badMessage(JSON.stringify({ bucket, key: 'é'.repeat(513) }))).toMatch(/^BAD_MESSAGE: .*key of 1026 UTF-8 bytes.*at most 1024/);
    expect(await badMessage(toS3EventNotification([{ bucket, key: 'k'.repeat(600_000) }]))).toMatch(/key of 600000 UTF-8 bytes/);
    const { storage, deps } = setup();
    const key = `${'é'.repeat(511)}ab`;
    await storage.put({ bucket, key }, 'fits');
    expect((await handleJobMessage(delivery(JSON.stringify({ bucket, key })), deps, options)).action).toBe('ack');
  });

  // Inputs at and past every bound: keys of up to 1,024 bytes, any characters (controls escape to 6
  // bytes in JSON), up to 1,000 top words of up to the word cap, error messages of any length.
  // `<` and U+2028 grow most in the Go format's JSON (Go escapes them as \u003c, \u2028).
  const char = fc.oneof(fc.constant('\u0001'), fc.constant('"'), fc.constant('字'), fc.constant('😀'), fc.constant('a'), fc.constant('<'), fc.constant('\u2028'));
  const textOf = (maxLength: number) => fc.array(char, { maxLength }).map((c) => c.join(''));
  const keyAtMost1024 = textOf(1024).map((k) => {
    const bytes = new TextEncoder().encode(k);
    return bytes.length <= 1024 ? k : new TextDecoder().decode(bytes.subarray(0, 1020)).replace(/\uFFFD+$/, '');
  });
  it('makes every result fit an SQS message and a stored row, for any input, at the limits', () => {
    fc.assert(
      fc.property(
        keyAtMost1024,
        fc.integer({ min: 0, max: 1000 }),
        textOf(256),
        fc.option(textOf(20_000), { nil: undefined }),
        (key, top, word, errorMessage) => {
          const words = Array.from({ length: top }, (_, i) => ({ word: `${word}${i}`.slice(-256), count: top - i }));
          const { result } = fitResultToLimits({
            filename: `${bucket}/${key}`,
            bucket,
            key,
            status: errorMessage === undefined ? ('succeeded' as const) : ('failed' as const),
            etag: '0123456789abcdef0123456789abcdef-10000',
            words: errorMessage === undefined ? words : [],
            bytes: Number.MAX_SAFE_INTEGER,
            totalWords: Number.MAX_SAFE_INTEGER,
            distinctWords: Number.MAX_SAFE_INTEGER,
            ...(errorMessage === undefined ? {} : { error: { code: 'NOT_TEXT' as const, message: errorMessage } }),
            startedAt: new Date(8.64e15).toISOString(),
            finishedAt: new Date(8.64e15).toISOString(),
            durationMs: Number.MAX_VALUE,
            countMs: Number.MAX_VALUE,
            workerId: 'w'.repeat(resultLimits.maxWorkerIdLength),
            objectModifiedAt: new Date(8.64e15).toISOString(),
            published: false,
          });
          const full: JobResult = { resultId: 'ffffffffffffffff', ...result };
          // As the results publisher sends it: the message JSON, resultId and status as attributes.
          validateQueueMessage('results', JSON.stringify(toResultMessage(full)), { resultId: full.resultId, status: full.status });
          // And in the Go sample's format (WORKER_RESULT_FORMAT=go).
          validateQueueMessage('results', goResultMessageJson(full, 'ap-southeast-2'), { resultId: full.resultId, status: full.status });
          // Stored (adapters-aws checks the exact DynamoDB item size): the words, twice, stay in budget.
          const wordBytes = full.words.reduce((sum, w) => sum + 2 * new TextEncoder().encode(w.word).length + 64, 0);
          expect(wordBytes).toBeLessThanOrEqual(resultLimits.wordsStoredBytes);
          expect(new TextEncoder().encode(full.error?.message ?? '').length).toBeLessThanOrEqual(resultLimits.errorMessageBytes);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('finding 2, the Go results format: its escapes count against the message budget', () => {
  it('cuts words of < and & (6 bytes each in Go\'s JSON) to the budget, as sent', () => {
    const words = Array.from({ length: 1000 }, (_, i) => ({ word: `${'<&'.repeat(127)}${String(i).padStart(2, '0')}`.slice(-256), count: 1000 - i }));
    const { result, wordsDropped } = fitResultToLimits({
      filename: `${bucket}/k`, bucket, key: 'k', status: 'succeeded' as const, words, bytes: 1, totalWords: 1, distinctWords: 1,
      startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, countMs: 1, workerId: 'w',
    });
    expect(wordsDropped).toBeGreaterThan(0);
    const body = goResultMessageJson({ resultId: 'r', ...result }, 'r');
    const sentWords = body.slice(body.indexOf('"Words":'), body.indexOf(',"Duration":'));
    expect(sentWords).toContain('\\u003c\\u0026');
    expect(Buffer.byteLength(sentWords)).toBeLessThanOrEqual(resultLimits.wordsMessageBytes);
  });
});

describe('finding 4: a slow old job overwrites a newer result', () => {
  it('keeps the newest version: the old job finishing last is superseded, neither stored nor published, and acked', async () => {
    const { clock, storage, results, publisher, deps } = setup();
    const ref = { bucket, key: 'doc.txt' };
    await storage.put(ref, 'old old old');
    // v1's job reads v1, then stalls until v2 was uploaded and counted.
    let resume!: () => void;
    const stalled = new Promise<void>((resolve) => (resume = resolve));
    let first = true;
    const slowStorage = {
      head: (r: ObjectRef) => storage.head(r),
      read: async (r: ObjectRef) => {
        const body = await storage.read(r);
        if (first) {
          first = false;
          await stalled;
        }
        return body;
      },
    } as unknown as ObjectStore;
    const slow = handleJobMessage(delivery(JSON.stringify(ref)), { ...deps, storage: slowStorage }, options);
    await new Promise((r) => setTimeout(r, 0));
    clock.advance(1000);
    await storage.put(ref, 'new');
    const fresh = await handleJobMessage(delivery(JSON.stringify(ref)), deps, options);
    expect(fresh.action).toBe('ack');
    resume();
    const late = await slow;
    expect(late).toMatchObject({ action: 'ack', results: [{ superseded: true, words: [{ word: 'old', count: 3 }] }] });
    expect(results.rows.get(`${bucket}/doc.txt`)?.words).toEqual([{ word: 'new', count: 1 }]);
    expect(publisher.published.map((r) => r.words[0]?.word)).toEqual(['new']);
  });

  it('converges to the newest version for any order of completions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 8 }), fc.infiniteStream(fc.nat()), async (times, picks) => {
        const store = new FakeResultStore();
        const pending = times.map((t) => ({ t, result: { filename: 'f', resultId: String(t), objectModifiedAt: new Date(t).toISOString() } as JobResult }));
        const it = picks[Symbol.iterator]();
        while (pending.length > 0) await store.save(pending.splice(it.next().value % pending.length, 1)[0]!.result);
        expect(store.rows.get('f')?.resultId).toBe(String(Math.max(...times)));
      }),
    );
  });
});

describe('finding 5: records of one message are coupled', () => {
  it('fans a multi-record message out as one direct job per message, so each is settled on its own', async () => {
    const { deps, sent, storage } = setup();
    const keys = Array.from({ length: 20 }, (_, i) => `f${i}.txt`);
    const outcome = await handleJobMessage(delivery(toS3EventNotification(keys.map((key) => ({ bucket, key })))), deps, options);
    expect(outcome).toEqual({ action: 'ack', results: [], fannedOut: 20 });
    expect(sent.map((m) => JSON.parse(m.body))).toEqual(keys.map((key) => ({ bucket, key })));
    expect(storage.calls).toEqual([]);
  });

  it('caps the records of one message', async () => {
    const body = toS3EventNotification(Array.from({ length: 101 }, (_, i) => ({ bucket, key: `k${i}` })));
    expect(await badMessage(body)).toMatch(/^BAD_MESSAGE: Records has 101 records; at most 100/);
  });

  it('dead-letters a job its bucket refuses (access denied) with the reason, instead of retrying it', async () => {
    const { storage, deps } = setup();
    storage.failures.read = [new ConfigError('GetObject s3://wordfreq-uploads/secret.txt was refused (AccessDenied: Access Denied); check the IAM permissions')];
    const outcome = await handleJobMessage(delivery(JSON.stringify({ bucket, key: 'secret.txt' })), deps, options);
    expect(outcome).toMatchObject({ action: 'dead-letter', reason: expect.stringMatching(/^CONFIG: GetObject .*AccessDenied/) });
  });
});

describe('finding 6: any bucket can be read', () => {
  it('refuses a bucket that is not allowed, and one that is not a bucket name (a "/" forging another file)', async () => {
    expect(await badMessage(JSON.stringify({ bucket: 'someone-elses-bucket', key: 'payroll.txt' }))).toMatch(
      /^BAD_MESSAGE: .*"someone-elses-bucket", which this worker may not read; allowed: wordfreq-uploads/,
    );
    expect(await badMessage(JSON.stringify({ bucket: 'wordfreq-uploads/other', key: 'k' }))).toMatch(/not a valid S3 bucket name/);
    expect(await badMessage(toS3EventNotification([{ bucket: 'Bad_Bucket', key: 'k' }]))).toMatch(/record 1 names bucket "Bad_Bucket", which is not a valid S3 bucket name/);
  });
});

describe('finding 7: a result saved but never published', () => {
  it('keeps the row unpublished, dead-letters the job on its last receive with the reason, and the sweep publishes it', async () => {
    const { storage, results, publisher, deps } = setup();
    await storage.put({ bucket, key: 'a.txt' }, 'alpha');
    const body = JSON.stringify({ bucket, key: 'a.txt' });
    publisher.failures = [1, 2, 3].map(() => new TransientError('SendMessage to queue wordfreq-results failed for now'));
    const last = { ...options, maxReceives: 3 };
    expect((await handleJobMessage(delivery(body, 1), deps, last)).action).toBe('retry');
    expect((await handleJobMessage(delivery(body, 2), deps, last)).action).toBe('retry');
    const third = await handleJobMessage(delivery(body, 3), deps, last);
    expect(third).toMatchObject({ action: 'dead-letter', reason: expect.stringMatching(/^TRANSIENT: .*receive 3 of 3.*SendMessage/) });
    expect(results.rows.get(`${bucket}/a.txt`)?.published).toBe(false);
    expect(publisher.published).toEqual([]);

    expect(await republishUnpublished(deps)).toEqual({ republished: 1, failed: 0 });
    expect(publisher.published.map((r) => r.filename)).toEqual([`${bucket}/a.txt`]);
    expect(results.rows.get(`${bucket}/a.txt`)?.published).toBe(true);
    expect(await republishUnpublished(deps)).toEqual({ republished: 0, failed: 0 });
  });
});

describe('finding 8: a dead-letter copy that cannot be sent', () => {
  const attributes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a${i}`, `v${i}`]));
  it('always carries the reason, saying what was trimmed, for any body and attributes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: sqsLimits.maxMessageBytes }), fc.integer({ min: 0, max: 10 }), fc.string({ maxLength: 20_000 }), (size, count, reason) => {
        const body = 'x'.repeat(size);
        const own = Object.fromEntries(Object.entries(attributes).slice(0, count));
        const copy = deadLetterCopy(body, own, reason);
        validateQueueMessage('dlq', copy.body, copy.attributes);
        expect(copy.attributes.reason).toBeTruthy();
        if (copy.body !== body) expect(copy.attributes.trimmed).toContain(`body:${size}`);
        if (count > 8) expect(copy.attributes.trimmed).toContain('attributes:');
      }),
      { numRuns: 50 },
    );
    const full = deadLetterCopy('é'.repeat(sqsLimits.maxMessageBytes / 2), attributes, 'BAD_MESSAGE: not JSON');
    expect(full.attributes.reason).toBe('BAD_MESSAGE: not JSON');
    expect(full.attributes.trimmed).toBe(`attributes:a8,a9;body:${sqsLimits.maxMessageBytes}`);
  });
});
