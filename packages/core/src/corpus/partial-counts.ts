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
 * Adds partials up in one Map of its own (the partials stay unchanged): a reduce that receives its
 * inputs one by one, without copying the growing Map at every step as folding `mergePartialCounts` would.
 */
export class PartialCountsAccumulator {
  readonly #counts = new Map<string, number>();
  #parts = 0;
  #bytes = 0;
  #totalWords = 0;

  add(partial: PartialCounts): void {
    this.#parts += partial.parts;
    this.#bytes += partial.bytes;
    this.#totalWords += partial.totalWords;
    const counts = this.#counts;
    for (const [word, count] of partial.counts) counts.set(word, (counts.get(word) ?? 0) + count);
  }

  /** What was added so far; the accumulator must not be added to afterwards (the Map is shared). */
  result(): PartialCounts {
    return { parts: this.#parts, bytes: this.#bytes, totalWords: this.#totalWords, counts: this.#counts };
  }
}

/** Merges many partials at once: the same answer as folding `mergePartialCounts`, in one new Map. */
export function mergeAllPartialCounts(partials: Iterable<PartialCounts>): PartialCounts {
  const accumulator = new PartialCountsAccumulator();
  for (const partial of partials) accumulator.add(partial);
  return accumulator.result();
}
