import { countText } from '@wordfreq/core';
import { startEmulatedAws, startMotoAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmulatedWorkerSystem, generatedText, type EmulatedWorkerSystem } from './emulated-worker-system.js';
import { assertBuilt, WorkerProcess } from './worker-process.js';

// Real `node dist/main.js` processes against s3rver, local-aws-sqs and DynamoDB Local; with
// WORDFREQ_EMULATOR=moto (`npm run test:moto`) against one moto server instead, unpatched, with
// moto's own S3 bucket notifications in place of the s3rver bridge.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
const onMoto = process.env.WORDFREQ_EMULATOR === 'moto';

let aws: EmulatedAws;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  assertBuilt();
  aws = onMoto ? await startMotoAws() : await startEmulatedAws({ services: ['s3', 'sqs', 'dynamodb'] });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.kill()));
});
afterAll(async () => {
  await aws?.stop();
});

function startWorker(system: EmulatedWorkerSystem, env: Record<string, string>): WorkerProcess {
  const worker = new WorkerProcess(system.env(env));
  workers.push(worker);
  return worker;
}

async function uploadAll(system: EmulatedWorkerSystem, files: readonly { key: string; text: string }[]): Promise<void> {
  for (let start = 0; start < files.length; start += 10) {
    await Promise.all(files.slice(start, start + 10).map((file) => system.upload(file.key, file.text)));
  }
  await system.bridge.drain();
}

const finishedJobs = (...ws: WorkerProcess[]) => ws.flatMap((w) => w.logged('job finished', (l) => l.file !== undefined));

/** Every file has one correct row, and every message on the results queue for it carries that row's resultId. */
async function expectOneCorrectResultPerFile(system: EmulatedWorkerSystem, files: readonly { key: string; text: string }[]) {
  const rows = await system.tableRows();
  expect(rows).toHaveLength(files.length);
  const byFile = new Map(rows.map((row) => [row.filename, row]));
  for (const file of files) {
    const row = byFile.get(`${system.bucket}/${file.key}`);
    const expected = countText(file.text);
    expect(row, file.key).toMatchObject({ status: 'succeeded', key: file.key, totalWords: expected.totalWords, words: expected.top });
  }
  const messages = await system.takeResultMessages();
  const ids = new Map<string, Set<string>>();
  for (const message of messages) ids.set(message.filename, (ids.get(message.filename) ?? new Set()).add(message.resultId));
  expect(ids.size).toBe(files.length);
  for (const [filename, resultIds] of ids) expect([...resultIds]).toEqual([byFile.get(filename)?.resultId]);
}

const sixtyFiles = Array.from({ length: 60 }, (_, i) => ({ key: `load/file-${String(i).padStart(2, '0')}.txt`, text: generatedText(i) }));

describe('wordfreq-worker processes on emulated AWS', () => {
  it('two workers share 60 uploads: one correct result per file in the table and on the results queue', async () => {
    const system = await createEmulatedWorkerSystem(aws, { visibilitySeconds: 3 });
    const a = startWorker(system, { WORKER_ID: 'a', WORKER_COUNT: '3', WORKER_JOB_DELAY_SECONDS: '0.2' });
    const b = startWorker(system, { WORKER_ID: 'b', WORKER_COUNT: '3', WORKER_JOB_DELAY_SECONDS: '0.2' });
    await Promise.all([a, b].map((w) => w.waitFor('start', () => w.logged('worker started').length === 1)));

    await uploadAll(system, sixtyFiles);
    await a.waitFor('60 jobs', () => finishedJobs(a, b).length >= 60);
    await expectOneCorrectResultPerFile(system, sixtyFiles);
    // Accounting, not scheduling luck: how the 60 split between the workers is up to the machine's
    // load, but every file was finished by one of them, each worker finished a job only after it had
    // started it, and each finished every message it received.
    const finished = finishedJobs(a, b);
    expect(new Set(finished.map((l) => String(l.file))).size).toBe(60);
    expect(finished.every((l) => l.outcome === 'succeeded' && l.end === 'acked' && typeof l.durationMs === 'number')).toBe(true);
    for (const w of [a, b]) {
      const startedAt = new Map(w.lines.map((line, index) => [line, index] as const).filter(([line]) => line.message === 'job started').map(([line, index]) => [`${line.messageId}#${line.receiveCount}`, index]));
      w.lines.forEach((line, index) => {
        if (line.message === 'job finished') expect(startedAt.get(`${line.messageId}#${line.receiveCount}`), `${line.messageId} finished before it started`).toBeLessThan(index);
      });
      expect(w.inFlight()).toEqual([]);
    }

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });
    expect([...a.notJson, ...b.notJson]).toEqual([]);
    for (const w of [a, b]) {
      expect(w.logged('worker stopped')[0]).toMatchObject({ received: w.logged('job started').length, released: 0 });
      expect(w.logged('job finished', (l) => l.end === 'acked')).toHaveLength(w.logged('job started').length);
    }
  });

  it('a worker SIGKILLed in the middle of jobs: every file still gets its result, none twice', async () => {
    const system = await createEmulatedWorkerSystem(aws, { visibilitySeconds: 3 });
    const a = startWorker(system, { WORKER_ID: 'a', WORKER_COUNT: '3', WORKER_JOB_DELAY_SECONDS: '0.5' });
    const b = startWorker(system, { WORKER_ID: 'b', WORKER_COUNT: '3', WORKER_JOB_DELAY_SECONDS: '0.5' });
    await Promise.all([a, b].map((w) => w.waitFor('start', () => w.logged('worker started').length === 1)));
    await uploadAll(system, sixtyFiles);

    await a.waitFor('a to be mid-job', () => a.logged('job finished').length >= 3 && a.inFlight().length > 0);
    a.child.kill('SIGKILL');
    const cutShort = a.inFlight();
    expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(cutShort.length).toBeGreaterThan(0);

    const files = new Set(sixtyFiles.map((f) => `${system.bucket}/${f.key}`));
    await b.waitFor('every file', () => new Set(finishedJobs(a, b).map((l) => String(l.file))).size === files.size);
    await expectOneCorrectResultPerFile(system, sixtyFiles);
    // What the killed worker had in hand came back after the visibility timeout and b finished it.
    for (const id of cutShort) {
      expect(b.logged('job finished', (l) => l.messageId === id && Number(l.receiveCount) >= 2 && l.end === 'acked')).not.toEqual([]);
    }
  });

  it('SIGTERM during work: the running jobs finish within the grace period, exit 0, nothing lost', async () => {
    const system = await createEmulatedWorkerSystem(aws, { visibilitySeconds: 3 });
    const files = Array.from({ length: 6 }, (_, i) => ({ key: `term/${i}.txt`, text: generatedText(100 + i) }));
    const a = startWorker(system, { WORKER_ID: 'a', WORKER_COUNT: '2', WORKER_JOB_DELAY_SECONDS: '2', WORKER_GRACE_SECONDS: '30' });
    await uploadAll(system, files);
    // Two in the slots, and whatever the read-ahead took as well (it holds up to WORKER_READ_AHEAD more).
    await a.waitFor('two running jobs', () => a.inFlight().length >= 2);
    a.child.kill('SIGTERM');
    const running = a.inFlight();
    expect(await a.exited).toEqual({ code: 0, signal: null });
    for (const id of running) expect(a.logged('job finished', (l) => l.messageId === id && l.end === 'acked')).toHaveLength(1);
    // Everything it held finished within the grace period (2 s jobs, 2 slots, 30 s).
    const stoppedA = a.logged('worker stopped')[0]!;
    expect(stoppedA).toMatchObject({ finished: stoppedA.received, released: 0 });
    expect(Number(stoppedA.received)).toBeGreaterThanOrEqual(2);

    const b = startWorker(system, { WORKER_ID: 'b', WORKER_COUNT: '2' });
    await b.waitFor('the rest', () => finishedJobs(a, b).length >= files.length);
    await expectOneCorrectResultPerFile(system, files);
  });

  it('SIGTERM with jobs longer than the grace period: they are released at once for another worker, exit 0', async () => {
    // A long visibility timeout: only a release lets the second worker have these jobs within the test.
    const system = await createEmulatedWorkerSystem(aws, { visibilitySeconds: 300 });
    const files = Array.from({ length: 4 }, (_, i) => ({ key: `release/${i}.txt`, text: generatedText(200 + i) }));
    const a = startWorker(system, { WORKER_ID: 'a', WORKER_COUNT: '2', WORKER_JOB_DELAY_SECONDS: '600', WORKER_GRACE_SECONDS: '0.5' });
    await uploadAll(system, files);
    // Two jobs in the slots and the other two read ahead, waiting for a slot: all four are held.
    await a.waitFor('two running jobs and two read ahead', () => a.inFlight().length === 4);
    const held = a.inFlight();
    a.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(a.logged('worker stopped')[0]).toMatchObject({ finished: 0, released: 4 });

    const b = startWorker(system, { WORKER_ID: 'b', WORKER_COUNT: '4' });
    await b.waitFor('every file', () => finishedJobs(b).length >= files.length);
    await expectOneCorrectResultPerFile(system, files);
    for (const id of held) expect(b.logged('job finished', (l) => l.messageId === id)[0]).toMatchObject({ receiveCount: 2, end: 'acked' });
  });

  it('a second signal releases the running jobs at once and exits 143; another worker takes them', async () => {
    const system = await createEmulatedWorkerSystem(aws, { visibilitySeconds: 300 });
    const files = Array.from({ length: 2 }, (_, i) => ({ key: `hard-stop/${i}.txt`, text: generatedText(300 + i) }));
    const a = startWorker(system, { WORKER_ID: 'a', WORKER_COUNT: '2', WORKER_JOB_DELAY_SECONDS: '600', WORKER_GRACE_SECONDS: '600' });
    await uploadAll(system, files);
    await a.waitFor('two running jobs', () => a.inFlight().length === 2);
    a.child.kill('SIGTERM');
    await a.waitFor('the drain', () => a.lines.some((l) => l.message.startsWith('draining')));
    a.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 143, signal: null });
    expect(a.logged('worker stopped')[0]).toMatchObject({ finished: 0, released: 2 });

    const b = startWorker(system, { WORKER_ID: 'b', WORKER_COUNT: '2' });
    await b.waitFor('both files', () => finishedJobs(b).length >= files.length);
    await expectOneCorrectResultPerFile(system, files);
  });

  it('the heartbeat keeps a job longer than the visibility timeout away from the other worker', async () => {
    const system = await createEmulatedWorkerSystem(aws, { visibilitySeconds: 2 });
    const env = { WORKER_COUNT: '1', WORKER_JOB_DELAY_SECONDS: '5' };
    const a = startWorker(system, { ...env, WORKER_ID: 'a' });
    const b = startWorker(system, { ...env, WORKER_ID: 'b' });
    await Promise.all([a, b].map((w) => w.waitFor('start', () => w.logged('worker started').length === 1)));
    const files = [{ key: 'slow.txt', text: generatedText(400) }];
    await uploadAll(system, files);
    await a.waitFor('the job', () => finishedJobs(a, b).length === 1);
    // Started once, by one worker, on its first receive: no second worker ever saw the message.
    const started = [...a.logged('job started'), ...b.logged('job started')];
    expect(started.map((l) => l.receiveCount)).toEqual([1]);
    expect([...a.logged('visibility extended'), ...b.logged('visibility extended')].length).toBeGreaterThanOrEqual(2);
    await expectOneCorrectResultPerFile(system, files);
  });

  it('poison and bad input: dead letter with reason, failure results with codes, spaces and unicode keys', async () => {
    const system = await createEmulatedWorkerSystem(aws, { visibilitySeconds: 3 });
    const a = startWorker(system, { WORKER_ID: 'a', WORKER_COUNT: '2', WORKER_MAX_BYTES: '1KiB' });
    const unicodeKey = 'dir/ä b+c ü 東京 (1).txt';
    const unicodeText = 'Ünïcode words and more words, cafe\u0301 Café!';
    await system.jobsQueue.send('this is not a job message');
    await system.jobsQueue.send(JSON.stringify({ bucket: system.bucket, key: 'never uploaded.txt' }));
    await system.upload('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    await system.upload('empty.txt', '');
    await system.upload('large.txt', 'words '.repeat(400));
    await system.upload(unicodeKey, unicodeText);
    await system.bridge.drain();

    await a.waitFor('six outcomes', () => a.logged('job finished', (l) => l.outcome !== 'ignored').length >= 6);
    const [dead] = await system.takeDeadLetters();
    expect(dead).toEqual({ body: 'this is not a job message', reason: expect.stringMatching(/^BAD_MESSAGE: /) });
    const row = async (key: string) => system.results.get(`${system.bucket}/${key}`);
    expect(await row('never uploaded.txt')).toMatchObject({ status: 'failed', error: { code: 'NOT_FOUND' } });
    expect(await row('photo.jpg')).toMatchObject({ status: 'failed', error: { code: 'NOT_TEXT' } });
    expect(await row('large.txt')).toMatchObject({ status: 'failed', error: { code: 'TOO_LARGE' } });
    expect(await row('empty.txt')).toMatchObject({ status: 'succeeded', totalWords: 0, words: [] });
    expect(await row(unicodeKey)).toMatchObject({ status: 'succeeded', key: unicodeKey, words: countText(unicodeText).top });
    expect(a.logged('job finished', (l) => l.outcome === 'dead-letter')[0]).toMatchObject({ end: 'dead-lettered', reason: expect.stringMatching(/BAD_MESSAGE/) });
    expect(a.logged('job finished', (l) => l.outcome === 'failed').map((l) => l.code).sort()).toEqual(['NOT_FOUND', 'NOT_TEXT', 'TOO_LARGE']);
  });
});

describe('wordfreq-worker configuration', () => {
  it('lists every problem with its variable and exits 2 without touching the network', async () => {
    const worker = new WorkerProcess({
      PATH: process.env.PATH ?? '',
      WORKER_QUEUE_URL: 'jobs',
      WORKER_RESULT_TABLENAME: 'wordfreq',
      WORKER_COUNT: 'four',
      WORKER_MESSAGE_VISIBILITY: '-5',
      WORKER_LOG_LEVEL: 'loud',
    });
    workers.push(worker);
    expect(await worker.exited).toEqual({ code: 2, signal: null });
    const text = worker.stderr.join('');
    expect(text).toMatch(/invalid configuration \(6 problems\)/);
    for (const name of ['WORKER_QUEUE_URL must be a queue URL', 'WORKER_RESULT_QUEUE_URL is required', 'AWS_REGION is required', 'WORKER_COUNT must', 'WORKER_MESSAGE_VISIBILITY must', 'WORKER_LOG_LEVEL must']) {
      expect(text).toContain(`  - ${name}`);
    }
    expect(worker.lines).toEqual([]);
  });
});
