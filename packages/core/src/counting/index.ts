export * from './word-count.js';
export { type CountOptions, type Preset, type ResolvedCountOptions, presets, defaultTop, foldWord, resolveCountOptions } from './count-options.js';
export { englishStopWords } from './stop-words.en.js';
export { mergeCounts, emptyCounts } from './merge-counts.js';
export { topWords, summarize } from './top-words.js';
export { WordCounter } from './word-counter.js';
export { countWords, countStream, countText, countWithinBudget, type ByteSource } from './count-stream.js';
export { BoundedWordCounter, type BoundedCounterTuning, type CountBudget } from './bounded-word-counter.js';
export {
  bytesPerHeldWord,
  countMemoryPerJob,
  countMemoryProblem,
  defaultCountMemoryBytes,
  defaultWorkerMemoryBytes,
  garbageFactor,
  minCountMemoryBytes,
  workerBaseBytes,
} from './count-budget.js';
