// Corpus jobs: one answer over many objects (or one huge one), cut into parts counted apart and merged.
export {
  planCorpus,
  defaultCorpusPartBytes,
  defaultMaxObjectsPerPart,
  type CorpusObject,
  type CorpusPart,
  type CorpusPlan,
  type CorpusPlanOptions,
  type PartSlice,
} from './corpus-plan.js';
export { alignCut, firstRangeBoundary, isRangeBoundaryByte, rangeLookaheadBytes, readWordAlignedRange, type ReadRange } from './word-aligned-range.js';
export { countCorpusPart, type CountCorpusPartDeps } from './count-corpus-part.js';
export { emptyPartialCounts, mergePartialCounts, mergeAllPartialCounts, PartialCountsAccumulator, type PartialCounts } from './partial-counts.js';
export { encodePartialCounts, decodePartialCounts, partialCountsFormatVersion, partialCountsContentType } from './partial-counts-codec.js';
export { corpusFilename, corpusResultKey, type CorpusRequest } from './corpus-request.js';
export { reduceCorpus, corpusPlanTotals, type CorpusPlanTotals, type CorpusResult, type ReduceCorpusInput } from './reduce-corpus.js';
