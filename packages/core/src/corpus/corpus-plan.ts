import { BadInputError } from '../errors.js';
import { fnv1a64Hex } from '../jobs/fnv-hash.js';
import type { ObjectInfo } from '../ports/object-store.port.js';

const MiB = 1024 * 1024;

/**
 * The default part size, 128 MiB: sized for a Lambda function of 1-2 GB. At 1,769 MB (one full
 * vCPU) the counter runs at about 180 MB/s and one ranged GET streams about 90 MB/s, so a part takes
 * 1-3 s, long enough that the invocation's fixed costs stay small and far inside Lambda's 15 minutes;
 * 1 TB is 8,192 parts, under Distributed Map's 10,000 parallel children. Memory follows distinct
 * words, not bytes: natural text has well under a million distinct words per 128 MiB (about 150 MB
 * held); input of nothing but distinct tokens (over 10 million per part) is what a part cannot hold,
 * and fails with TOO_MANY_WORDS: plan smaller parts for it.
 */
export const defaultCorpusPartBytes = 128 * MiB;

/**
 * At most this many objects are batched into one part: each is one GET, so a part of tiny files
 * is bounded in requests (and time) as well as bytes.
 */
export const defaultMaxObjectsPerPart = 1000;

/** An object of the corpus, as listed: the planner needs only where it is and its size. */
export type CorpusObject = Pick<ObjectInfo, 'bucket' | 'key' | 'size'> & { readonly etag?: string };

/**
 * A piece of one object: the whole (`start` 0, `end` = `size`) or a nominal byte range, which the
 * counter moves to word boundaries (see `readWordAlignedRange`). `size` is the object's size as
 * planned; `etag` (when listed) lets the counter notice an object that changed since.
 */
export interface PartSlice {
  readonly bucket: string;
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly size: number;
  readonly etag?: string;
}

/**
 * One unit of map work: several whole small objects, or one range of a big object. `id` is stable
 * (the same listing always gives the same ids), so a retried part writes the same partial-count key.
 */
export interface CorpusPart {
  readonly id: string;
  /** Nominal bytes of the slices (their sum over all parts is the corpus's size). */
  readonly bytes: number;
  readonly slices: readonly PartSlice[];
}

export interface CorpusPlanOptions {
  /** Target bytes per part (default `defaultCorpusPartBytes`). */
  readonly partBytes?: number;
  /** Most objects batched into one part (default `defaultMaxObjectsPerPart`). */
  readonly maxObjectsPerPart?: number;
}

export interface CorpusPlan {
  readonly parts: readonly CorpusPart[];
  readonly objects: number;
  readonly bytes: number;
  readonly partBytes: number;
}

/**
 * Cuts a corpus into parts: objects in (bucket, key) order; an object of at most `partBytes` joins
 * the open batch of whole objects (a new batch starts when it would overflow, in bytes or in
 * objects); a bigger one becomes ceil(size / partBytes) ranges of equal size, each a part of its own
 * (the open batch stays open past it, so big objects do not leave small batches behind).
 * Every byte of every object is in exactly one part; the same listing in any order gives the same plan.
 */
export function planCorpus(objects: Iterable<CorpusObject>, options: CorpusPlanOptions = {}): CorpusPlan {
  const partBytes = options.partBytes ?? defaultCorpusPartBytes;
  if (!Number.isSafeInteger(partBytes) || partBytes < 1) {
    throw new BadInputError(`partBytes must be a whole number of bytes >= 1, got ${String(partBytes)}`);
  }
  const maxObjects = options.maxObjectsPerPart ?? defaultMaxObjectsPerPart;
  if (!Number.isSafeInteger(maxObjects) || maxObjects < 1) {
    throw new BadInputError(`maxObjectsPerPart must be a whole number >= 1, got ${String(maxObjects)}`);
  }
  const sorted = checkedObjects(objects);
  const pieces: PartSlice[][] = [];
  let batch: PartSlice[] = [];
  let batchBytes = 0;
  let bytes = 0;
  for (const object of sorted) {
    bytes += object.size;
    const whole = { bucket: object.bucket, key: object.key, size: object.size, ...(object.etag === undefined ? {} : { etag: object.etag }) };
    if (object.size > partBytes) {
      const count = Math.ceil(object.size / partBytes);
      for (let index = 0; index < count; index++) {
        // Multiplying before dividing keeps every range within one byte of the others.
        const start = Math.floor((object.size * index) / count);
        const end = Math.floor((object.size * (index + 1)) / count);
        pieces.push([{ ...whole, start, end }]);
      }
      continue;
    }
    if (batch.length > 0 && (batchBytes + object.size > partBytes || batch.length >= maxObjects)) {
      pieces.push(batch);
      batch = [];
      batchBytes = 0;
    }
    batch.push({ ...whole, start: 0, end: object.size });
    batchBytes += object.size;
  }
  if (batch.length > 0) pieces.push(batch);
  const width = Math.max(5, String(pieces.length - 1).length);
  const parts = pieces.map((slices, index) => ({
    id: partId(index, width, slices),
    bytes: slices.reduce((sum, slice) => sum + slice.end - slice.start, 0),
    slices,
  }));
  return { parts, objects: sorted.length, bytes, partBytes };
}

/**
 * `p00042-<8 hex digits>`: the index sorts parts in plan order; the hash of what the part covers
 * makes a changed plan give different ids, so its partial counts never mix with an older plan's.
 */
function partId(index: number, width: number, slices: readonly PartSlice[]): string {
  const covers = JSON.stringify(slices.map((slice) => [slice.bucket, slice.key, slice.start, slice.end, slice.size, slice.etag ?? null]));
  return `p${String(index).padStart(width, '0')}-${fnv1a64Hex(covers).slice(0, 8)}`;
}

function checkedObjects(objects: Iterable<CorpusObject>): CorpusObject[] {
  const list = [...objects];
  for (const object of list) {
    if (typeof object?.bucket !== 'string' || typeof object.key !== 'string') {
      throw new BadInputError(`a corpus object needs a bucket and a key (strings), got ${JSON.stringify(object)}`);
    }
    if (!Number.isSafeInteger(object.size) || object.size < 0) {
      throw new BadInputError(`${object.bucket}/${object.key} has size ${String(object.size)}; a size is a whole number of bytes >= 0`);
    }
  }
  // JS string order on (bucket, key): any fixed order makes the plan independent of the listing's.
  const sorted = list.sort((a, b) => compare(a.bucket, b.bucket) || compare(a.key, b.key));
  for (let index = 1; index < sorted.length; index++) {
    const [before, object] = [sorted[index - 1], sorted[index]];
    if (before.bucket === object.bucket && before.key === object.key) {
      throw new BadInputError(`${object.bucket}/${object.key} is listed twice; each object of a corpus is counted once`);
    }
  }
  return sorted;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
