import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsResourceNames, Infrastructure } from '@wordfreq/adapters-aws';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { RunningWorker } from '@wordfreq/runtime-ec2';
import { startEmulatedAws, type EmulatedAws, type S3EventBridge } from '@wordfreq/local-aws';
import type { JobResult } from '@wordfreq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from './cli-process.test-support.js';
import { emulatedDeployment, startDeploymentWorker, type EmulatedDeployment } from './emulated-deployment.test-support.js';

// upload, results and queue as child processes against emulated S3, SQS and DynamoDB, with a real
// worker (the EC2 runtime's) consuming the jobs that S3-style notifications put on the queue.

let aws: EmulatedAws;
let deployment: EmulatedDeployment;
let names: AwsResourceNames;
let infra: Infrastructure;
let bridge: S3EventBridge;
let env: Record<string, string>;
let dir: string;
let worker: RunningWorker | undefined;

const apple = 'Apple banana apple. APPLE cherry banana\n';
const pangram = "The quick brown fox jumps over the lazy dog; the dog doesn't mind.\n";

beforeAll(async () => {
  assertCliBuilt();
  aws = await startEmulatedAws({ services: ['s3', 'sqs', 'dynamodb'] });
  deployment = await emulatedDeployment(aws);
  ({ names, infra, bridge, env } = deployment);
  dir = await mkdtemp(join(tmpdir(), 'wordfreq-upload-'));
  await writeFile(join(dir, 'apple.txt'), apple);
  await writeFile(join(dir, 'pangram.txt'), pangram);
  await writeFile(join(dir, 'notes day 1 – café.txt'), 'café CAFÉ au lait\n');
  await writeFile(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10, 0x4a, 0x46]));
  for (let i = 0; i < 6; i++) await writeFile(join(dir, `batch-${i}.txt`), `word${i} `.repeat(1000 * (i + 1)));
}, 180_000);

afterAll(async () => {
  await worker?.stopNow();
  await rm(dir, { recursive: true, force: true });
  await aws?.stop();
});

async function startTheWorker(): Promise<void> {
  worker = await startDeploymentWorker(aws, deployment, { WORKER_ID: 'test-worker' });
}

const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('wordfreq upload, queue and results on emulated AWS', () => {
  it('reports an empty jobs queue and dead-letter queue', async () => {
    const run = await runCli(['queue', '--json'], { env });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({
      jobs: { queue: names.jobQueue, visible: 0, inFlight: 0 },
      deadLetters: { queue: names.deadLetterQueue, visible: 0, inFlight: 0 },
    });
  });

  it('uploads many files with a progress bar, and each upload becomes a waiting job', async () => {
    const files = Array.from({ length: 6 }, (_, i) => join(dir, `batch-${i}.txt`));
    const run = await runCli(['upload', names.bucket, ...files, '--prefix', 'batch/'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual(files.map((_, i) => expect.stringMatching(new RegExp(`^uploaded s3://${names.bucket}/batch/batch-${i}\\.txt \\(`))));
    // Not a terminal: progress comes as a few log lines on stderr, ending with the total.
    const total = files.reduce((sum, _, i) => sum + 6 * 1000 * (i + 1), 0);
    expect(run.stderr).toContain('upload: 0%');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(`upload: done (${(total / 1000).toFixed(1)}/${(total / 1000).toFixed(1)} kB)`);

    await bridge.drain();
    const queue = JSON.parse((await runCli(['queue', '--json'], { env })).stdout) as { jobs: { visible: number } };
    expect(queue.jobs.visible).toBe(6);
  });

  it('waits for each uploaded file’s result and prints its top words, keys with spaces and unicode included', async () => {
    await startTheWorker();
    const run = await runCli(['upload', names.bucket, join(dir, 'apple.txt'), join(dir, 'notes day 1 – café.txt'), '--wait', '--timeout', '60'], { env });
    expect(run.code).toBe(0);
    // stderr carries the upload progress and nothing else.
    expect(run.stderr.trimEnd().split('\n').every((line) => line.startsWith('upload: '))).toBe(true);
    expect(run.stdout).toContain(`${names.bucket}/apple.txt: 6 words, 3 different`);
    expect(run.stdout).toMatch(/ {2}apple\s+3\n {2}banana\s+2\n {2}cherry\s+1\n/);
    expect(run.stdout).toContain(`${names.bucket}/notes day 1 – café.txt: 4 words, 3 different`);
    expect(run.stdout).toMatch(/ {2}café\s+2\n/);
  }, 90_000);

  it('prints results as JSON with --json, and exits 1 when a result is a failure', async () => {
    const run = await runCli(['upload', names.bucket, join(dir, 'pangram.txt'), join(dir, 'photo.jpg'), '--wait', '--json', '--timeout', '60'], { env });
    expect(run.code).toBe(1);
    const results = jsonLines(run.stdout) as unknown as JobResult[];
    const byKey = new Map(results.map((result) => [result.key, result]));
    expect([...byKey.keys()].sort()).toEqual(['pangram.txt', 'photo.jpg']);
    expect(byKey.get('pangram.txt')).toMatchObject({ status: 'succeeded', totalWords: 13, words: expect.arrayContaining([{ word: 'the', count: 3 }, { word: 'dog', count: 2 }]) });
    expect(byKey.get('photo.jpg')).toMatchObject({ status: 'failed', error: { code: 'NOT_TEXT' } });
  }, 90_000);

  it('lists every result, shows one file, and says when a file has none', async () => {
    // The six batch files queued before the worker started are done by now or soon.
    await expect.poll(async () => jsonLines((await runCli(['results', '--json'], { env })).stdout).length, { timeout: 60_000, interval: 1000 }).toBe(10);

    const list = await runCli(['results'], { env });
    expect(list.code).toBe(0);
    const rows = list.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^file\s+status\s+bytes\s+words/);
    expect(rows.slice(1).map((row) => row.split(/\s{2,}/)[0])).toEqual(
      [...Array.from({ length: 6 }, (_, i) => `batch/batch-${i}.txt`), 'apple.txt', 'notes day 1 – café.txt', 'pangram.txt', 'photo.jpg']
        .map((key) => `${names.bucket}/${key}`)
        .sort(),
    );
    expect(rows.find((row) => row.startsWith(`${names.bucket}/batch/batch-2.txt`))).toMatch(/succeeded\s+18,000\s+3,000\s+1\s+word2 3,000$/);

    const one = await runCli(['results', '--file', `${names.bucket}/apple.txt`], { env });
    expect(one).toMatchObject({ code: 0, stderr: '' });
    expect(one.stdout.split('\n')[0]).toBe(`${names.bucket}/apple.txt: 6 words, 3 different, 40 B`);

    const none = await runCli(['results', '--file', `${names.bucket}/nothing.txt`], { env });
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toBe(`wordfreq results: no result for '${names.bucket}/nothing.txt' in table ${names.resultsTable} (yet)\n`);
  }, 90_000);

  it('counts dead letters: an unreadable message ends on the dead-letter queue', async () => {
    await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: infra.jobQueueUrl, MessageBody: 'this is not a job' }));
    await expect
      .poll(async () => (JSON.parse((await runCli(['queue', '--json'], { env })).stdout) as { deadLetters: { visible: number } }).deadLetters.visible, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(1);
    const table = await runCli(['queue'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^jobs\\s+${names.jobQueue}\\s+0\\s+0$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^dead letters\\s+${names.deadLetterQueue}\\s+1\\s+0$`, 'm'));
  }, 60_000);
});

// Child processes under a loaded machine can take seconds each: a generous per-test timeout.
describe('wordfreq AWS commands: errors are one line', { timeout: 30_000 }, () => {
  const oneLine = (text: string) => expect(text.trimEnd().split('\n')).toHaveLength(1);

  it('a missing region or a bad name: exit 2, naming the variables', async () => {
    const run = await runCli(['queue'], { env: { WORDFREQ_RESULTS_TABLE: 'x' } });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/^wordfreq: AWS_REGION is required.*WORDFREQ_RESULTS_TABLE must be a DynamoDB table name/);
  });

  it('a file that does not exist: exit 2 before anything is uploaded', async () => {
    const run = await runCli(['upload', names.bucket, join(dir, 'apple.txt'), join(dir, 'missing.txt')], { env });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`wordfreq: cannot read '${join(dir, 'missing.txt')}': no such file\n`);
  });

  it('a bucket that does not exist: exit 2', async () => {
    const run = await runCli(['upload', 'no-such-bucket-here', join(dir, 'apple.txt')], { env });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/^wordfreq: upload: .*no-such-bucket-here/);
  });

  it('a missing queue: exit 2, saying how to create it', async () => {
    const run = await runCli(['queue'], { env: { ...env, WORDFREQ_JOB_QUEUE: 'no-such-queue' } });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/no-such-queue does not exist/);
  });

  it('usage mistakes: exit 2', async () => {
    expect(await runCli(['upload', names.bucket], { env })).toMatchObject({ code: 2, stderr: expect.stringMatching(/^wordfreq: upload needs a bucket and at least one file/) });
    expect(await runCli(['results', '--file', 'nokey'], { env })).toMatchObject({ code: 2, stderr: "wordfreq: --file must be bucket/key, e.g. wordfreq-uploads/book.txt, got 'nokey'\n" });
    expect(await runCli(['queue', '--bogus'], { env })).toMatchObject({ code: 2, stderr: expect.stringMatching(/^wordfreq: queue: Unknown option '--bogus'/) });
  });
});
