import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from './cli-process.test-support.js';

// The CLI is tested as users run it: the built bin in a child process.
const run = (args: string[], stdin?: string) => runCli(args, { stdin });

const text = "The cat and the hat. Don't stop the CAT! Café café cafe\u0301 naïve\n";
let dir: string;

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'wordfreq-count-'));
  await writeFile(join(dir, 'a.txt'), text);
  await writeFile(join(dir, 'b.txt'), 'zebra zebra apple');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('wordfreq count', () => {
  it('prints a table of the top words of a file', async () => {
    const result = await run(['count', join(dir, 'a.txt'), '--top', '3']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/a\.txt: 67 bytes, 13 words, 8 distinct$/);
    expect(lines.slice(2).map((line) => line.trim().split(/\s+/))).toEqual([
      ['1', 'café', '3'],
      ['2', 'the', '3'],
      ['3', 'cat', '2'],
    ]);
  });

  it('prints one JSON object per input per line with --json', async () => {
    const result = await run(['count', '--json', join(dir, 'a.txt'), join(dir, 'b.txt'), '--top', '2']);
    expect(result.code).toBe(0);
    const objects = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(objects).toEqual([
      { file: join(dir, 'a.txt'), bytes: 67, totalWords: 13, distinctWords: 8, top: [{ word: 'café', count: 3 }, { word: 'the', count: 3 }] },
      { file: join(dir, 'b.txt'), bytes: 17, totalWords: 3, distinctWords: 2, top: [{ word: 'zebra', count: 2 }, { word: 'apple', count: 1 }] },
    ]);
  });

  it("reads standard input for '-' or when no file is given", async () => {
    const dash = await run(['count', '--json', '-'], text);
    const none = await run(['count', '--json'], text);
    expect(JSON.parse(dash.stdout)).toMatchObject({ file: '-', bytes: 67, totalWords: 13 });
    expect(none.stdout).toBe(dash.stdout);
  });

  it('applies --preset classic, --min-length and --stop-words en', async () => {
    const classic = JSON.parse((await run(['count', '--json', '--preset', 'classic', join(dir, 'a.txt')])).stdout);
    // Tokens of 4 bytes or fewer ("hat.", "stop", "CAT!") are skipped; classic does not normalise.
    expect(classic.top).toEqual([
      { word: 'café', count: 2 },
      { word: 'cafe\u0301', count: 1 },
      { word: "don't", count: 1 },
      { word: 'naïve', count: 1 },
    ]);
    const filtered = JSON.parse((await run(['count', '--json', '--stop-words', 'en', '--min-length', '4', join(dir, 'a.txt')])).stdout);
    expect(filtered.top).toEqual([{ word: 'café', count: 3 }, { word: 'naïve', count: 1 }, { word: 'stop', count: 1 }]);
  });

  it.each([
    [['count', '/definitely/not/here.txt'], /^wordfreq: cannot read '\/definitely\/not\/here.txt': no such file\n$/],
    [['count', '.'], /^wordfreq: cannot read '\.': it is a directory/],
    [['count', '--top', '0'], /^wordfreq: --top must be between 1 and 1000000, got 0\n$/],
    [['count', '--top', 'many'], /^wordfreq: --top must be a whole number, got 'many'\n$/],
    [['count', '--preset', 'fancy'], /^wordfreq: --preset must be one of unicode, classic, got 'fancy'\n$/],
    [['count', '--stop-words', 'fr'], /^wordfreq: --stop-words supports only 'en'/],
    [['count', '--threads', '0'], /^wordfreq: --threads must be between 1 and 64, got 0\n$/],
    [['count', '--frobnicate'], /^wordfreq: count: Unknown option '--frobnicate'/],
    [['count', '-', '-'], /^wordfreq: count: standard input \('-'\) can be read only once\n$/],
  ])('rejects %j with one line on stderr and exit code 2', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('gives identical results with worker threads and with one thread', async () => {
    // About 3 MB with multi-byte words and few spaces in places, so the cuts land in awkward spots.
    const words = ['alpha', 'Beta', "don't", 'naïve', 'ЖУК', 'λόγος', '中文', 'o’brien', 'x'];
    const parts: string[] = [];
    let seed = 7;
    for (let i = 0; i < 400_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      parts.push(words[seed % words.length] + (seed % 5 === 0 ? '' : seed % 3 === 0 ? '\n' : ' '));
    }
    const file = join(dir, 'big.txt');
    await writeFile(file, parts.join(''));
    for (const preset of ['unicode', 'classic']) {
      const one = await run(['count', '--json', '--top', '50', '--preset', preset, '--threads', '1', file]);
      const three = await run(['count', '--json', '--top', '50', '--preset', preset, '--threads', '3', file]);
      expect(one.code).toBe(0);
      expect(three.stdout).toBe(one.stdout);
      expect(JSON.parse(one.stdout).totalWords).toBeGreaterThan(200_000);
    }
  });
});

