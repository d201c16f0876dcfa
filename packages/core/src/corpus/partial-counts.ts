import { mergeCounts } from '../counting/merge-counts.js';
import type { WordCounts } from '../counting/word-count.js';

/**
 * The full counts of one or more corpus parts: what a map task writes and a reduce merges. `parts`
 * says how many plan parts went into it, so a reduce can check that each part is in exactly once.
 */
export interface PartialCounts extends WordCounts {
  readonly parts: number;
}

/** The identity of `mergePartialCounts`: no part counted. */
export function emptyPartialCounts(): PartialCounts {
  return { parts: 0, bytes: 0, totalWords: 0, counts: new Map() };
}

/** The counts monoid on partials: commutative, associative, identity `emptyPartialCounts()`; inputs unchanged. */
export function mergePartialCounts(a: PartialCounts, b: PartialCounts): PartialCounts {
  return { parts: a.parts + b.parts, ...mergeCounts(a, b) };
}

/**
 * Merges many partials at once into one new Map (the inputs stay unchanged): the same answer as
 * folding `mergePartialCounts`, without copying the growing Map at every step.
 */
export function mergeAllPartialCounts(partials: Iterable<PartialCounts>): PartialCounts {
  const counts = new Map<string, number>();
  let parts = 0;
  let bytes = 0;
  let totalWords = 0;
  for (const partial of partials) {
    parts += partial.parts;
    bytes += partial.bytes;
    totalWords += partial.totalWords;
    for (const [word, count] of partial.counts) counts.set(word, (counts.get(word) ?? 0) + count);
  }
  return { parts, bytes, totalWords, counts };
}
