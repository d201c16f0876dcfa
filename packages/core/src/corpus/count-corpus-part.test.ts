import { describe, expect, it } from 'vitest';
import type { ObjectBody, ObjectRef } from '../ports/object-store.port.js';
import { countCorpusPart, type CountCorpusPartDeps } from './count-corpus-part.js';
import { planCorpus } from './corpus-plan.js';

const utf8 = new TextEncoder();

/** Objects held in memory, read in 2-byte chunks; `requests` records every ranged read. */
function store(objects: Record<string, string>, etags: Record<string, string> = {}) {
  const requests: string[] = [];
  const deps: CountCorpusPartDeps = {
    objects: {
      async read(ref: ObjectRef, range): Promise<ObjectBody> {
        const bytes = utf8.encode(objects[ref.key]);
        const start = range?.start ?? 0;
        const end = range?.end ?? bytes.length;
        requests.push(`${ref.key}:${start}-${end}`);
        const body = (async function* () {
          for (let at = start; at < end; at += 2) yield bytes.slice(at, Math.min(end, at + 2));
        })();
        return { info: { ...ref, size: bytes.length, etag: etags[ref.key] ?? 'v1', metadata: {} }, body };
      },
    },
  };
  return { deps, requests };
}

const listing = (objects: Record<string, string>) => Object.entries(objects).map(([key, text]) => ({ bucket: 'b', key, size: utf8.encode(text).length, etag: 'v1' }));

describe('countCorpusPart', () => {
  it('counts each object of a batch on its own: the end of one never glues to the start of the next', async () => {
    const objects = { a: 'the end', b: 'ing word', c: '' };
    const [part] = planCorpus(listing(objects)).parts;
    const { deps } = store(objects);
    const partial = await countCorpusPart(deps, part);
    expect(Object.fromEntries(partial.counts)).toEqual({ the: 1, end: 1, ing: 1, word: 1 });
    expect(partial).toMatchObject({ parts: 1, bytes: 15, totalWords: 4 });
  });

  it('reads a range part with ranged reads, past its end to the next white space', async () => {
    const objects = { big: 'alpha beta gamma delta' };
    const plan = planCorpus(listing(objects), { partBytes: 8 });
    const { deps, requests } = store(objects);
    const partials = [];
    for (const part of plan.parts) partials.push(Object.fromEntries((await countCorpusPart(deps, part)).counts));
    // Nominal ranges [0,7) [7,14) [14,22): each word lands in the part where it starts.
    expect(partials).toEqual([{ alpha: 1, beta: 1 }, { gamma: 1 }, { delta: 1 }]);
    expect(requests).toEqual(['big:0-7', 'big:7-22', 'big:7-14', 'big:14-22', 'big:14-22']);
  });

  it('refuses an object that changed since the plan (another ETag or size) with CONFLICT', async () => {
    const objects = { a: 'some words here' };
    const [part] = planCorpus(listing(objects)).parts;
    await expect(countCorpusPart(store(objects, { a: 'v2' }).deps, part)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'b/a changed since the corpus was planned (ETag v2, planned v1); plan and count the corpus again',
    });
    await expect(countCorpusPart(store({ a: 'some words here!' }).deps, part)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/b\/a is 16 bytes, not the 15 planned/) });
  });
});
