import type { WordCounts } from './word-count.js';

/** The identity of `mergeCounts`: nothing counted. */
export function emptyCounts(): WordCounts {
  return { bytes: 0, totalWords: 0, counts: new Map() };
}

/** Adds two counts (commutative, associative, identity `emptyCounts()`); neither input is changed. */
export function mergeCounts(a: WordCounts, b: WordCounts): WordCounts {
  // Copy the larger map and add the smaller into it: the cost follows the smaller side.
  const [big, small] = a.counts.size >= b.counts.size ? [a, b] : [b, a];
  const counts = new Map(big.counts);
  for (const [word, count] of small.counts) counts.set(word, (counts.get(word) ?? 0) + count);
  return { bytes: a.bytes + b.bytes, totalWords: a.totalWords + b.totalWords, counts };
}
