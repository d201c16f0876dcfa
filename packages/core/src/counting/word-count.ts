/** One entry of a top-N list. */
export interface WordCount {
  readonly word: string;
  readonly count: number;
}

/** What counting one input produces. */
export interface CountSummary {
  /** Size of the input in bytes. */
  readonly bytes: number;
  /** Words kept after the tokenizer's filters. */
  readonly totalWords: number;
  /** Different words among them. */
  readonly distinctWords: number;
  /** The top words, count descending then word ascending. */
  readonly top: readonly WordCount[];
}

/** Every kept word of an input with its count: the mergeable form of a count. */
export interface WordCounts {
  readonly bytes: number;
  readonly totalWords: number;
  readonly counts: ReadonlyMap<string, number>;
}

/**
 * The one order of top-N lists: count descending, then word ascending in JS string order (UTF-16
 * code units), so every runtime reports ties the same way.
 */
export function compareWordCounts(a: WordCount, b: WordCount): number {
  if (a.count !== b.count) return b.count - a.count;
  return a.word < b.word ? -1 : a.word > b.word ? 1 : 0;
}
