import type { WordCounts } from '@wordfreq/core';

/** Sorted entries, so two counts compare with one `toEqual` and a failure shows the difference. */
export function sortedCounts(counts: WordCounts): { bytes: number; totalWords: number; counts: [string, number][] } {
  return {
    bytes: counts.bytes,
    totalWords: counts.totalWords,
    counts: [...counts.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}
