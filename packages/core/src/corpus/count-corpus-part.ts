import type { CountOptions } from '../counting/count-options.js';
import { WordCounter } from '../counting/word-counter.js';
import { ConflictError } from '../errors.js';
import type { ObjectStore } from '../ports/object-store.port.js';
import type { CorpusPart, PartSlice } from './corpus-plan.js';
import type { PartialCounts } from './partial-counts.js';
import { readWordAlignedRange, type ReadRange } from './word-aligned-range.js';

export interface CountCorpusPartDeps {
  /** Only ranged reads are needed: a local file reader may stand in for a whole store. */
  readonly objects: Pick<ObjectStore, 'read'>;
}

// Between two objects: ASCII white space ends a word exactly as the end of input does (the range
// boundary rule), so one counter serves the whole part and no word spans two objects.
const objectSeparator = Uint8Array.of(0x20);

/**
 * The full counts of one part: each slice streamed with ranged reads and moved to word boundaries
 * (`readWordAlignedRange`), all counted by one `WordCounter`. `bytes` is what the part's aligned
 * ranges hold, so the bytes of all parts add up to the corpus's size.
 *
 * Memory follows the part's distinct words (a map task must hand over every one of them); a part
 * with more than a JavaScript Map holds (2^24 - 1) fails with TOO_MANY_WORDS: plan smaller parts.
 */
export async function countCorpusPart(deps: CountCorpusPartDeps, part: CorpusPart, options?: CountOptions): Promise<PartialCounts> {
  const counter = new WordCounter(options);
  let bytes = 0;
  for (const [index, slice] of part.slices.entries()) {
    if (index > 0) counter.write(objectSeparator);
    for await (const chunk of readWordAlignedRange(sliceReader(deps, slice), slice, slice.size)) {
      bytes += chunk.length;
      counter.write(chunk);
    }
  }
  const counts = counter.end();
  return { parts: 1, bytes, totalWords: counts.totalWords, counts: counts.counts };
}

function sliceReader(deps: CountCorpusPartDeps, slice: PartSlice): ReadRange {
  const ref = { bucket: slice.bucket, key: slice.key };
  return async function* read(start, end) {
    const { info, body } = await deps.objects.read(ref, { start, end });
    if (slice.etag !== undefined && info.etag !== slice.etag) {
      throw new ConflictError(`${slice.bucket}/${slice.key} changed since the corpus was planned (ETag ${info.etag}, planned ${slice.etag}); plan and count the corpus again`);
    }
    if (info.size !== slice.size) {
      throw new ConflictError(`${slice.bucket}/${slice.key} is ${info.size} bytes, not the ${slice.size} planned: it changed since the corpus was planned; plan and count the corpus again`);
    }
    yield* body;
  };
}
