import { describe, expect, it } from 'vitest';
import { countText } from '../counting/index.js';
import { FakeSpillStore } from '../counting/spill-store.test-support.js';
import { NotFoundError, TransientError, WordFreqError } from '../errors.js';
import { FakeObjectStore, FakePublisher, FakeResultStore, manualClock } from './fakes.test-support.js';
import type { ObjectStore } from '../ports/object-store.port.js';
import { jobSlots } from './job-slots.js';
import { processJob, type ProcessJobOptions } from './process-job.js';
import { parseResultMessage, toResultMessage } from './result-message.js';

function setup(chunkSize = 7) {
  const storage = new FakeObjectStore(chunkSize);
  const results = new FakeResultStore();
  const publisher = new FakePublisher();
  const clock = manualClock();
  // The counter's stopwatch reads the manual clock too, so countMs is exact in these tests.
  const stopwatch = () => clock.now().getTime();
  return { storage, results, publisher, clock, deps: { storage, results, publisher, clock, stopwatch } };
}

const options: ProcessJobOptions = { count: {}, maxBytes: 1_000, workerId: 'w-1' };
const job = { bucket: 'up', key: 'books/a.txt' };

describe('processJob', () => {
  it('counts the object, saves and publishes the result, and returns it', async () => {
    const { storage, results, publisher, deps } = setup();
    const text = 'The cat and the hat. THE end — café Café';
    await storage.put(job, text);
    const result = await processJob(job, deps, options);
    const expected = countText(text);
    expect(result).toMatchObject({
      filename: 'up/books/a.txt',
      bucket: 'up',
      key: 'books/a.txt',
      status: 'succeeded',
      etag: 'etag-1',
      words: expected.top,
      bytes: expected.bytes,
      totalWords: expected.totalWords,
      distinctWords: expected.distinctWords,
      workerId: 'w-1',
    });
    expect(result.words[0]).toEqual({ word: 'the', count: 3 });
    expect(result).not.toHaveProperty('error');
    expect(results.rows.get('up/books/a.txt')).toEqual(result);
    expect(publisher.published).toEqual([result]);
    expect(parseResultMessage(JSON.stringify(toResultMessage(result)))).toEqual(toResultMessage(result));
  });

  it('passes the count options through', async () => {
    const { storage, deps } = setup();
    await storage.put(job, 'the the the a a b');
    const result = await processJob(job, deps, { ...options, count: { stopWords: 'en', top: 1 } });
    expect(result.words).toEqual([{ word: 'b', count: 1 }]);
  });

  it('treats an empty object as a success with zero words', async () => {
    const { storage, deps } = setup();
    await storage.put(job, '');
    const result = await processJob(job, deps, options);
    expect(result).toMatchObject({ status: 'succeeded', words: [], bytes: 0, totalWords: 0, distinctWords: 0 });
  });

  it('records a missing object as NOT_FOUND, without an ETag', async () => {
    const { results, publisher, deps } = setup();
    const result = await processJob(job, deps, options);
    expect(result).toMatchObject({ status: 'failed', words: [], bytes: 0, error: { code: 'NOT_FOUND' } });
    expect(result).not.toHaveProperty('etag');
    expect(results.rows.get('up/books/a.txt')).toEqual(result);
    expect(publisher.published).toEqual([result]);
  });

  it('records NOT_FOUND when the GET finds no object', async () => {
    const { storage, deps } = setup();
    await storage.put(job, 'words');
    storage.failures.read = [new NotFoundError('gone')];
    expect((await processJob(job, deps, options)).error?.code).toBe('NOT_FOUND');
  });

  it('records NOT_TEXT naming the offset of the first NUL byte, counting nothing', async () => {
    const { storage, deps } = setup(4);
    await storage.put(job, Uint8Array.from([104, 105, 32, 116, 104, 101, 114, 101, 0, 1]));
    const result = await processJob(job, deps, options);
    expect(result).toMatchObject({ status: 'failed', etag: 'etag-1', bytes: 10, totalWords: 0, words: [] });
    expect(result.error).toEqual({ code: 'NOT_TEXT', message: 'up/books/a.txt has a NUL byte at offset 8; only text files are counted' });
  });

  it('counts a file whose only NUL bytes come after the first 8 KiB', async () => {
    const { storage, deps } = setup(1000);
    const bytes = new TextEncoder().encode(`${'word '.repeat(1700)}`); // 8500 bytes
    const withNul = new Uint8Array(bytes.length + 1);
    withNul.set(bytes);
    await storage.put(job, withNul);
    const result = await processJob(job, deps, { ...options, maxBytes: 10_000 });
    expect(result).toMatchObject({ status: 'succeeded', totalWords: 1700, bytes: 8501 });
  });

  it('sniffs exactly the first 8192 bytes by default: a NUL at 8191 is NOT_TEXT, one at 8192 is counted', async () => {
    for (const [offset, status] of [[8191, 'failed'], [8192, 'succeeded']] as const) {
      const { storage, deps } = setup(1000);
      const bytes = new TextEncoder().encode('word '.repeat(1700)); // 8500 bytes
      bytes[offset] = 0;
      await storage.put(job, bytes);
      const result = await processJob(job, deps, { ...options, maxBytes: 10_000 });
      expect(result.status).toBe(status);
      if (status === 'failed') expect(result.error?.message).toContain(`NUL byte at offset ${offset};`);
    }
  });

  it('records TOO_LARGE from the GET\'s headers in one request (no HEAD), without reading the body', async () => {
    const { storage, deps } = setup();
    await storage.put(job, 'x'.repeat(1001));
    storage.calls.length = 0;
    const result = await processJob(job, deps, options);
    expect(result.error?.code).toBe('TOO_LARGE');
    expect(result.error?.message).toContain('up/books/a.txt is 1001 bytes, over the limit of 1000 bytes');
    expect(result.bytes).toBe(1001);
    expect(storage.calls).toEqual(['read']);
    expect(storage.chunksRead).toBe(0);
  });

  it('reads each object with one request: a GET, no HEAD', async () => {
    const { storage, deps } = setup();
    await storage.put(job, 'one request per job');
    storage.calls.length = 0;
    expect((await processJob(job, deps, options)).status).toBe('succeeded');
    expect(storage.calls).toEqual(['read']);
  });

  it('holds a job slot while reading, counting and sleeping the delay, and frees it before saving and publishing', async () => {
    const { storage, results, deps } = setup();
    await storage.put(job, 'slot');
    const slots = jobSlots(1);
    const busyAtSave: number[] = [];
    const save = results.save.bind(results);
    results.save = async (result) => {
      busyAtSave.push(slots.busy);
      return save(result);
    };
    await processJob(job, { ...deps, slots }, options);
    expect(busyAtSave).toEqual([0]);
    // Taken during the job: a second job waits for it, and an aborted wait takes none.
    const release = await slots.acquire();
    const aborted = new AbortController();
    const waiting = processJob(job, { ...deps, slots }, { ...options, signal: aborted.signal });
    aborted.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    release();
    expect(slots.busy).toBe(0);
  });

  it('lets transient errors propagate and records nothing', async () => {
    const { storage, results, publisher, deps } = setup();
    await storage.put(job, 'words');
    const throttled = new TransientError('SlowDown');
    storage.failures.read = [throttled];
    await expect(processJob(job, deps, options)).rejects.toBe(throttled);
    const broken = new Error('socket hang up');
    storage.failures.read = [broken];
    await expect(processJob(job, deps, options)).rejects.toBe(broken);
    expect(results.rows.size).toBe(0);
    expect(publisher.published).toEqual([]);
  });

  it('lets a failed save propagate, so the job is retried', async () => {
    const { storage, results, publisher, deps } = setup();
    await storage.put(job, 'words');
    results.failures = [new TransientError('throttled')];
    await expect(processJob(job, deps, options)).rejects.toThrow('throttled');
    expect(publisher.published).toEqual([]);
  });

  it('sleeps the artificial delay on the clock and times the job', async () => {
    const { storage, clock, deps } = setup();
    await storage.put(job, 'some words here');
    const result = await processJob(job, deps, { ...options, delayMs: 10_000 });
    expect(clock.sleeps).toEqual([10_000]);
    expect(result.durationMs).toBe(10_000);
    expect(result.countMs).toBe(0);
    expect(Date.parse(result.finishedAt) - Date.parse(result.startedAt)).toBe(10_000);
  });

  it('counts reading time in the duration but not in countMs', async () => {
    const { storage, clock, deps } = setup(3);
    await storage.put(job, 'abc def');
    // Every read of a chunk takes 5 ms of clock time.
    const read = storage.read.bind(storage);
    storage.read = async (ref, range) => {
      const object = await read(ref, range);
      async function* slow() {
        for await (const chunk of object.body) {
          clock.advance(5);
          yield chunk;
        }
      }
      return { info: object.info, body: slow() };
    };
    const result = await processJob(job, deps, options);
    expect(result.durationMs).toBe(15);
    expect(result.countMs).toBe(0);
  });

  it('stops when aborted, with the abort reason', async () => {
    const { storage, deps } = setup();
    await storage.put(job, 'words');
    const controller = new AbortController();
    controller.abort(new Error('draining'));
    await expect(processJob(job, deps, { ...options, signal: controller.signal })).rejects.toThrow('draining');
    const during = new AbortController();
    const sleeping = { ...deps, clock: Object.assign(manualClock(), { sleep: async () => { during.abort(new Error('SIGTERM')); during.signal.throwIfAborted(); } }) };
    await expect(processJob(job, sleeping, { ...options, delayMs: 5, signal: during.signal })).rejects.toThrow('SIGTERM');
  });

  it('gives the same resultId to the same outcome, a different one to a new version', async () => {
    const a = setup();
    const b = setup();
    await a.storage.put(job, 'same text');
    await b.storage.put(job, 'same text');
    b.clock.advance(60_000);
    const first = await processJob(job, a.deps, options);
    const again = await processJob(job, b.deps, { ...options, workerId: 'w-2' });
    expect(again.resultId).toBe(first.resultId);
    await a.storage.put(job, 'same text'); // a new upload: new ETag
    expect((await processJob(job, a.deps, options)).resultId).not.toBe(first.resultId);
  });

  describe('with more different words than the memory budget holds', () => {
    // 40,000 different words (two letters and a number) in 64 KiB chunks, within the 64 KiB minimum budget.
    const manyWords = Array.from({ length: 40_000 }, (_, i) => `w${i.toString(36)}`).join(' ') + ' the the';
    const small = { ...options, maxBytes: 1e7, memoryBudgetBytes: 64 * 1024 };

    it('spills to the scratch space and gives exactly the unbounded answer', async () => {
      const { storage, results, deps } = setup(64 * 1024);
      await storage.put(job, manyWords);
      const spill = new FakeSpillStore();
      const result = await processJob(job, { ...deps, spill }, small);
      const expected = countText(manyWords);
      expect(result).toMatchObject({ status: 'succeeded', words: expected.top, totalWords: 40_002, distinctWords: 40_001, bytes: expected.bytes });
      expect(results.rows.get('up/books/a.txt')).toEqual(result);
      expect(spill.spaces).toHaveLength(1);
      expect(spill.spaces[0].bytesWritten).toBeGreaterThan(0);
      expect(spill.spaces[0]).toMatchObject({ label: 'up/books/a.txt', disposed: true });
    });

    it('records TOO_MANY_WORDS, saved and published, when there is no scratch space', async () => {
      const { storage, results, publisher, deps } = setup(64 * 1024);
      await storage.put(job, manyWords);
      const result = await processJob(job, deps, small);
      expect(result).toMatchObject({ status: 'failed', words: [], totalWords: 0, error: { code: 'TOO_MANY_WORDS' } });
      expect(result.error?.message).toMatch(/^up\/books\/a\.txt has more different words than fit in the counter's memory budget of 0\.06 MiB/);
      expect(results.rows.get('up/books/a.txt')).toEqual(result);
      expect(publisher.published).toEqual([result]);
    });

    it('records TOO_MANY_WORDS when the scratch space fills up, and removes what was written', async () => {
      const { storage, deps } = setup(64 * 1024);
      await storage.put(job, manyWords);
      const spill = new FakeSpillStore({ quotaBytes: 20_000 });
      const result = await processJob(job, { ...deps, spill }, small);
      expect(result.error).toMatchObject({ code: 'TOO_MANY_WORDS', message: expect.stringContaining('scratch space for up/books/a.txt is full') });
      expect(spill.spaces[0].disposed).toBe(true);
    });
  });

  it('hands its abort signal to the GET, so aborting a stalled download stops it and the job', async () => {
    const { storage, results, publisher, deps } = setup();
    await storage.put(job, 'first words');
    // A download that delivers one chunk and then stalls (a hung connection): only the signal ends it.
    const seen: (AbortSignal | undefined)[] = [];
    const stalled: ObjectStore = {
      head: (ref) => storage.head(ref),
      put: (ref, body, putOptions) => storage.put(ref, body, putOptions),
      copy: (from, to, copyOptions) => storage.copy(from, to, copyOptions),
      list: (bucket, prefix) => storage.list(bucket, prefix),
      delete: (ref) => storage.delete(ref),
      read: async (ref, range, readOptions) => {
        seen.push(readOptions?.signal);
        const { info } = await storage.read(ref, range);
        async function* body() {
          yield new TextEncoder().encode('first ');
          await new Promise((_resolve, reject) => {
            readOptions?.signal?.addEventListener('abort', () => reject(readOptions.signal?.reason), { once: true });
          });
        }
        return { info, body: body() };
      },
    };
    const controller = new AbortController();
    const running = processJob(job, { ...deps, storage: stalled }, { ...options, signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    const reason = new Error('job time limit is over');
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    expect(seen).toEqual([controller.signal]);
    expect(results.rows.size).toBe(0);
    expect(publisher.published).toEqual([]);
  });

  it('rejects unusable options with every problem named', async () => {
    const { deps } = setup();
    await expect(processJob(job, deps, { count: {}, maxBytes: -1, workerId: '', delayMs: Number.NaN })).rejects.toThrow(
      /maxBytes must be .* got -1; workerId must be a non-empty string; delayMs must be/,
    );
    await expect(processJob(job, deps, { count: {}, maxBytes: 1, workerId: 'w', memoryBudgetBytes: 100 })).rejects.toThrow(
      /memoryBudgetBytes must be a whole number of bytes >= 65536 \(64 KiB\), got 100/,
    );
  });
});

describe('processJob countMs with jobs sharing the thread', () => {
  it('times only its own counter calls, not the continuations of other jobs run while it awaits', async () => {
    // One tick per stopwatch read: a call timed on its own reads it twice, so it adds exactly 1.
    let ticks = 0;
    const stopwatch = () => ticks++;
    const storage = new FakeObjectStore(4); // 'one two three four' in chunks of 4 bytes: 5 writes
    const text = 'one two three four';
    const jobs = [{ bucket: 'up', key: 'a.txt' }, { bucket: 'up', key: 'b.txt' }];
    for (const each of jobs) await storage.put(each, text);
    const deps = { storage, results: new FakeResultStore(), publisher: new FakePublisher(), clock: manualClock(), stopwatch };
    const results = await Promise.all(jobs.map((each) => processJob(each, deps, options)));
    const calls = Math.ceil(text.length / 4) + 1; // each write, and end
    expect(results.map((result) => result.countMs)).toEqual([calls, calls]);
  });
});
