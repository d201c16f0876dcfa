import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordFreqError } from '../errors.js';
import { guardTextBody } from './text-body-guard.js';

async function* chunks(bytes: Uint8Array, cuts: number[]) {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const point of [...points, bytes.length]) {
    yield bytes.slice(from, point);
    from = point;
  }
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: number[] = [];
  for await (const chunk of source) parts.push(...chunk);
  return Uint8Array.from(parts);
}

const options = { label: 'b/k', maxBytes: 1 << 20, sniffBytes: 64 };

describe('guardTextBody', () => {
  it('passes NUL-free bodies through unchanged, however they are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }).map((b) => b.map((x) => x || 1)), fc.array(fc.nat()), async (bytes, cuts) => {
        expect(await collect(guardTextBody(chunks(bytes, cuts), options))).toEqual(bytes);
      }),
    );
  });

  it('reports the offset of the first NUL within the sniffed start, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.array(fc.nat()), async (bytes, cuts) => {
        const first = bytes.indexOf(0);
        const run = collect(guardTextBody(chunks(bytes, cuts), options));
        if (first === -1 || first >= 64) {
          expect(await run).toEqual(bytes);
        } else {
          await expect(run).rejects.toThrow(`b/k has a NUL byte at offset ${first};`);
        }
      }),
    );
  });

  it('yields nothing before the start is checked', async () => {
    const seen: number[] = [];
    const body = guardTextBody(chunks(Uint8Array.from([65, 66, 67, 0]), [1, 2, 3]), { ...options, sniffBytes: 8 });
    await expect((async () => { for await (const c of body) seen.push(c.length); })()).rejects.toThrow(/offset 3/);
    expect(seen).toEqual([]);
  });

  it('enforces maxBytes on what is actually read', async () => {
    const run = collect(guardTextBody(chunks(new Uint8Array(100).fill(65), [30, 60]), { ...options, maxBytes: 99 }));
    await expect(run).rejects.toSatisfy((e) => WordFreqError.hasCode(e, 'TOO_LARGE'));
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(collect(guardTextBody(chunks(new Uint8Array(5).fill(65), []), { ...options, signal: controller.signal }))).rejects.toThrow('stop');
  });
});

// The default window, pinned with literal offsets: 8 KiB is 8192 bytes, offsets 0 to 8191. A window
// of 16 bytes, or one byte shorter or longer, fails one of these.
describe('guardTextBody with the default sniff window', () => {
  const defaults = { label: 'b/k', maxBytes: 1 << 20 };
  const withNulAt = (offset: number, size = 9000) => {
    const bytes = new Uint8Array(size).fill(0x61);
    bytes[offset] = 0;
    return bytes;
  };
  // One chunk, 1 KiB chunks, and cuts right around the window's end.
  const cuttings = [[], [1024, 2048, 3072, 4096, 5120, 6144, 7168, 8192], [8191], [8192], [8193], [16, 8191, 8192]];

  it.each([0, 15, 16, 17, 4096, 8190, 8191])('rejects a NUL at offset %i, however the body is cut', async (offset) => {
    for (const cuts of cuttings) {
      await expect(collect(guardTextBody(chunks(withNulAt(offset), cuts), defaults))).rejects.toThrow(`b/k has a NUL byte at offset ${offset};`);
    }
  });

  it.each([8192, 8193, 8999])('passes a body whose only NUL is at offset %i, however it is cut', async (offset) => {
    for (const cuts of cuttings) {
      const bytes = withNulAt(offset);
      expect(await collect(guardTextBody(chunks(bytes, cuts), defaults))).toEqual(bytes);
    }
  });

  it('checks a body shorter than the window whole, at its end', async () => {
    await expect(collect(guardTextBody(chunks(withNulAt(8190, 8191), [4000]), defaults))).rejects.toThrow('offset 8190;');
    expect(await collect(guardTextBody(chunks(new Uint8Array(8191).fill(0x61), [4000]), defaults))).toHaveLength(8191);
  });
});
