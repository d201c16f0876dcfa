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
