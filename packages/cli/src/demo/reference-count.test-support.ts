/**
 * A reference word count for tests that knows nothing of the core's tokenizer: ASCII letter runs with
 * inner apostrophes, case folded. It agrees with the default tokenizer on ASCII text, which is all the
 * demo's generator writes and all the tests feed it.
 */
export function referenceCount(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const match of text.matchAll(/[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*/g)) {
      const word = match[0].toLowerCase();
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

/** Count descending, then word ascending: the design's order of top-N lists. */
export function referenceTop(counts: ReadonlyMap<string, number>, n: number): { word: string; count: number }[] {
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, n);
}
