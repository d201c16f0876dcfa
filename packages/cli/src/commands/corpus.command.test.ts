import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3ObjectStore } from '@wordfreq/adapters-aws/s3';
import { countWords, emptyCounts, mergeCounts, summarize, type Preset } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStepFunctions } from '../corpus/fake-step-functions.test-support.js';
import { assertCliBuilt, runCli } from './cli-process.test-support.js';

// `wordfreq corpus` as users run it (the built bin in a child process), on a local folder and on the
// same files in emulated S3: both must give what counting each file alone and merging gives.

let dir: string;
let aws: EmulatedAws;
let bucket: string;
const files: Record<string, string> = {};

/** Seeded text with multi-byte words, apostrophes and long runs without spaces, so cuts land badly. */
function text(seed: number, words: number): string {
  const vocabulary = ['alpha', 'Beta', "don't", 'naïve', 'ЖУК', 'λόγος', '中文', 'o’brien', 'x', 'verylongwordwithoutanyspacesinit'];
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out.push(vocabulary[seed % vocabulary.length] + (seed % 7 === 0 ? '' : seed % 3 === 0 ? '\n' : ' '));
  }
  return out.join('');
}

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'wordfreq-corpus-'));
  Object.assign(files, {
    'a.txt': text(1, 3000),
    'b.txt': 'end-of-file-word',
    'c.txt': 'word glued to the file before',
    'empty.txt': '',
    'nested/deeper/d.txt': text(2, 20_000),
    'nested/e.txt': text(3, 500),
  });
  for (const [key, body] of Object.entries(files)) {
    await mkdir(join(dir, 'texts', key, '..'), { recursive: true });
    await writeFile(join(dir, 'texts', key), body);
  }
  aws = await startEmulatedAws({ services: ['s3'] });
  bucket = await aws.createBucket('corpus');
  const store = new S3ObjectStore(aws.clients.s3);
  for (const [key, body] of Object.entries(files)) await store.put({ bucket, key: `texts/${key}` }, body);
  // Outside the prefix: must not be counted.
  await store.put({ bucket, key: 'other/f.txt' }, 'outsider outsider outsider');
}, 180_000);

afterAll(async () => {
  await aws?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** What counting each file on its own and merging gives (a word never spans two files). */
async function eachFileAlone(preset: Preset, top: number) {
  let total = emptyCounts();
  for (const key of Object.keys(files)) total = mergeCounts(total, await countWords([await readFile(join(dir, 'texts', key))], { preset }));
  const summary = summarize(total, top);
  return { bytes: summary.bytes, totalWords: summary.totalWords, distinctWords: summary.distinctWords, top: summary.top.map(({ word, count }) => ({ word, count })) };
}

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('wordfreq corpus', () => {
  it('counts a folder as the files counted alone and merged, with any part size and threads', async () => {
    for (const preset of ['unicode', 'classic'] as const) {
      const expected = await eachFileAlone(preset, 40);
      for (const [partSize, threads] of [['4K', '1'], ['4K', '3'], ['100', '2'], ['128M', '2']]) {
        const run = await runCli(['corpus', 'texts', '--json', '--top', '40', '--preset', preset, '--part-size', partSize, '--threads', threads], { cwd: dir });
        expect(run.code, run.stderr).toBe(0);
        expect(json(run.stdout)).toMatchObject({ file: 'texts/*', kind: 'corpus', objects: 6, ...expected });
      }
    }
    expect(json((await runCli(['corpus', 'texts', '--json', '--part-size', '4K'], { cwd: dir })).stdout).parts).toBeGreaterThan(10);
  });

  it('counts the same files in S3 under a prefix (AWS_ENDPOINT_URL_S3) the same, in this process', async () => {
    const expected = await eachFileAlone('unicode', 40);
    for (const threads of ['1', '2']) {
      const run = await runCli(['corpus', `s3://${bucket}/texts/`, '--json', '--top', '40', '--part-size', '4K', '--threads', threads], { env: aws.env() });
      expect(run.code, run.stderr).toBe(0);
      expect(json(run.stdout)).toMatchObject({ file: `s3://${bucket}/texts/*`, kind: 'corpus', objects: 6, ...expected });
    }
  });

  it('prints a table like count, with files, parts and threads, and a progress bar over parts on stderr', async () => {
    const run = await runCli(['corpus', join('texts', 'nested'), '--top', '3', '--part-size', '8K', '--threads', '2'], { cwd: dir });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^texts\/nested\/\*: [\d,]+ bytes, [\d,]+ words, \d+ distinct$/);
    expect(lines.slice(2, 5).map((line) => line.trim().split(/\s+/)[0])).toEqual(['1', '2', '3']);
    expect(lines[5]).toMatch(/^ {2}2 files \([\d.]+ kB\) in \d+ parts on 2 threads, [\d.]+ s/);
    expect(run.stderr).toMatch(/^parts: 0% \(0\/\d+\)\n(.*\n)*parts: done \((\d+)\/\2\)\n$/);
  });

  it('counts one file as count does', async () => {
    const single = json((await runCli(['corpus', join('texts', 'a.txt'), '--json', '--part-size', '1K'], { cwd: dir })).stdout);
    const count = json((await runCli(['count', join('texts', 'a.txt'), '--json'], { cwd: dir })).stdout);
    expect(single).toMatchObject({ ...count, objects: 1, kind: 'corpus' });
  });

  it.each([
    [['corpus'], /^wordfreq: corpus needs one folder, file or s3:\/\/bucket\/prefix/],
    [['corpus', 'nowhere'], /^wordfreq: cannot read 'nowhere': no such file\n$/],
    [['corpus', 'texts', '--part-size', '12X'], /^wordfreq: --part-size must be a size such as 65536, 64K, 128M or 1G, got '12X'\n$/],
    [['corpus', 'texts', '--threads', '0'], /^wordfreq: --threads must be between 1 and 64, got 0\n$/],
    [['corpus', 's3://A_B/x'], /^wordfreq: corpus: the bucket 'A_B' of 's3:\/\/A_B\/x' is not a valid S3 bucket name/],
    [['corpus', 'texts', '--state-machine', 'arn:aws:states:us-east-1:1:stateMachine:c'], /^wordfreq: corpus: --state-machine needs an s3:\/\/ corpus/],
    [['corpus', 'texts', '--wait'], /^wordfreq: corpus: --wait waits for a state machine execution/],
  ])('rejects %j with one line on stderr and exit code 2', async (args, message) => {
    const run = await runCli(args, { cwd: dir });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('starts the state machine with --state-machine and prints its result with --wait (a Step Functions endpoint on loopback)', async () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:corpus';
    const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:corpus:run-1';
    // What the state machine's reduce step returns: the corpus result of the same files, counted here.
    const here = json((await runCli(['corpus', `s3://${bucket}/texts/`, '--json'], { env: aws.env() })).stdout);
    const result = { kind: 'corpus', corpus: { parts: here.parts, objects: here.objects }, filename: `${bucket}/texts/*`, words: here.top, bytes: here.bytes, totalWords: here.totalWords, distinctWords: here.distinctWords, durationMs: 5000 };
    const sfn = await startFakeStepFunctions((call) =>
      call.operation === 'StartExecution'
        ? { body: { executionArn, startDate: 1_700_000_000 } }
        : { body: { executionArn, stateMachineArn: arn, status: 'SUCCEEDED', startDate: 1_700_000_000, output: JSON.stringify({ mode: 'final', superseded: false, result }) } },
    );
    try {
      const env = { ...aws.env(), AWS_ENDPOINT_URL_SFN: sfn.endpoint, WORDFREQ_CORPUS_POLL_SECONDS: '0' };
      const run = await runCli(['corpus', `s3://${bucket}/texts/`, '--state-machine', arn, '--wait', '--json'], { env });
      expect(run).toMatchObject({ code: 0 });
      expect(json(run.stdout)).toMatchObject({ top: here.top, totalWords: here.totalWords, distinctWords: here.distinctWords, parts: here.parts, objects: here.objects });
      expect(sfn.calls.map((c) => c.operation)).toEqual(['StartExecution', 'DescribeExecution']);
      expect(JSON.parse(String(sfn.calls[0]!.input.input))).toEqual({ bucket, prefix: 'texts/' });
      const fromEnv = await runCli(['corpus', `s3://${bucket}/texts/`], { env: { ...env, WORDFREQ_CORPUS_STATE_MACHINE: arn } });
      expect(fromEnv).toMatchObject({ code: 0, stdout: `started ${executionArn}\n` });
    } finally {
      await sfn.stop();
    }
  });
});
