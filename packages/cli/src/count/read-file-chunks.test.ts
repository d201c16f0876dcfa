import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileChunks } from './read-file-chunks.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordfreq-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readFileChunks', () => {
  it('yields the requested range through one reused buffer', async () => {
    const file = join(dir, 'digits.txt');
    await writeFile(file, '0123456789abcdef');
    const seen: string[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of readFileChunks(file, { start: 3, end: 14 }, 4)) {
      seen.push(Buffer.from(chunk).toString());
      buffers.add(chunk.buffer);
    }
    expect(seen).toEqual(['3456', '789a', 'bcd']);
    expect(buffers.size).toBe(1);
  });

  it('stops at the end of the file when the range runs past it', async () => {
    const file = join(dir, 'short.txt');
    await writeFile(file, 'abc');
    const seen: string[] = [];
    for await (const chunk of readFileChunks(file, { start: 1 }, 8)) seen.push(Buffer.from(chunk).toString());
    expect(seen).toEqual(['bc']);
  });

  it('rejects with the file-system error for a missing file', async () => {
    const read = async () => {
      for await (const _ of readFileChunks(join(dir, 'missing.txt'))) void _;
    };
    await expect(read()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
