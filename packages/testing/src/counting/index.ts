// Property-testing a word counter: generated input, a way to cut it into chunks, a way to compare
// counts, and the reference model to compare with.
export { textBytes, splitAt } from './counting-arbitraries.js';
export { referenceWordCounts, type ReferenceOptions } from './reference-word-counts.js';
export { sortedCounts } from './sorted-counts.js';
