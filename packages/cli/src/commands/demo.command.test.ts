import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusGenerator } from '../demo/corpus-generator.js';
import type { DemoSummary } from '../demo/demo-summary.js';
import { referenceCount, referenceTop } from '../demo/reference-count.test-support.js';
import { assertCliBuilt, runCli } from './cli-process.test-support.js';

let dir: string;

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'wordfreq-demo-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

// Child processes under a loaded machine can take seconds each: a generous per-test timeout.
describe('wordfreq demo', { timeout: 60_000 }, () => {
  it('runs the whole system on generated text and its summary is correct', async () => {
    const run = await runCli(['demo', '--files', '6', '--size', '20000', '--workers', '3', '--seed', '7', '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as DemoSummary;

    // An independent count: the same seeded files, counted by the reference tokenizer.
    const texts = [...new CorpusGenerator({ files: 6, bytesPerFile: 20_000, seed: 7 }).files()].map((file) => Buffer.from(file.bytes).toString('utf8'));
    const counts = referenceCount(texts);
    expect(summary).toMatchObject({
      files: 6,
      bytes: sum(texts.map((text) => Buffer.byteLength(text))),
      workers: 3,
      succeeded: 6,
      failures: 0,
      deadLetters: 0,
      published: 6,
      backups: 6,
      totalWords: sum(counts.values()),
      distinctWords: counts.size,
      emails: 1,
      visits: { before: 999_000, simulated: 2000, after: 1_001_000, threshold: 1_000_000 },
    });
    expect(summary.topWords).toEqual(referenceTop(counts, 10));
    expect(summary.email?.subject).toBe('Congratulations: MyTravel has passed 1,000,000 visits');
    expect(summary.checks.every((check) => check.ok)).toBe(true);
    expect(sum(Object.values(summary.jobsPerWorker))).toBe(6);
    expect(Object.keys(summary.jobsPerWorker).every((id) => /^worker-[123]$/.test(id))).toBe(true);
    expect(summary.workerTimeMs).toBeGreaterThan(0);
    expect(summary.countingShare).toBeCloseTo(summary.countTimeMs / summary.workerTimeMs, 10);

    // Progress went to stderr as log lines (not a terminal), one bar per stage.
    for (const stage of ['upload', 'count', 'visits']) expect(run.stderr).toContain(`${stage}: done`);
  });

  it('uploads the files of --dir, records a binary file as a failure and checks the text files against an independent count', async () => {
    const texts = {
      'a.txt': "It's a small world, after all; it's a small, small world.\n",
      'nested/b.txt': 'Small steps and big steps: 2 steps more.\n',
      'empty.txt': '',
    };
    const corpus = join(dir, 'corpus');
    await mkdir(join(corpus, 'nested'), { recursive: true });
    for (const [name, text] of Object.entries(texts)) await writeFile(join(corpus, name), text);
    await writeFile(join(corpus, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));

    const run = await runCli(['demo', '--dir', corpus, '--workers', '2', '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as DemoSummary;
    const counts = referenceCount(Object.values(texts));
    expect(summary).toMatchObject({
      files: 4,
      succeeded: 3,
      failures: 1,
      failuresByCode: { NOT_TEXT: 1 },
      backups: 4,
      totalWords: sum(counts.values()),
      distinctWords: counts.size,
      emails: 1,
    });
    expect(summary.topWords).toEqual(referenceTop(counts, 10));
    expect(summary.checks.filter((check) => !check.ok)).toEqual([]);
  });

  it('prints a readable summary with the email and its checks', async () => {
    const run = await runCli(['demo', '--files', '2', '--size', '5000', '--workers', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wordfreq demo: summary\n/);
    expect(run.stdout).toMatch(/^files\s+2$/m);
    expect(run.stdout).toMatch(/^results\s+2 succeeded, 0 failed$/m);
    expect(run.stdout).toMatch(/^emails\s+1$/m);
    expect(run.stdout).toContain('  Subject: Congratulations: MyTravel has passed 1,000,000 visits');
    expect(run.stdout).toMatch(/^ {2}ok {4}totals match an independent count: /m);
    expect(run.stdout).not.toContain('FAIL');
  });

  it.each([
    [['--files', '0'], "wordfreq: --files must be between 1 and 100000, got 0\n"],
    [['--workers', 'many'], "wordfreq: --workers must be a whole number, got 'many'\n"],
    [['--files', '3000', '--size', '1000000'], 'wordfreq: --files 3000 x --size 1000000 is 3000000000 bytes; the demo keeps every file in memory, so keep it under 2000000000\n'],
    [['--dir', 'x', '--files', '3'], 'wordfreq: --files describes generated text and cannot be combined with --dir\n'],
    [['extra'], "wordfreq: demo takes no arguments, got 'extra'; use --dir DIR for your own files\n"],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const run = await runCli(['demo', ...args]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('names an unreadable or empty --dir', async () => {
    const missing = join(dir, 'no-such-dir');
    expect(await runCli(['demo', '--dir', missing])).toEqual({ code: 2, stdout: '', stderr: `wordfreq: cannot read --dir '${missing}': no such file\n` });
    const empty = join(dir, 'empty-dir');
    await mkdir(empty);
    expect(await runCli(['demo', '--dir', empty])).toEqual({ code: 2, stdout: '', stderr: `wordfreq: --dir '${empty}' has no files; put some text files in it\n` });
  });
});
