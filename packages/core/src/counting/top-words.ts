import { BadInputError } from '../errors.js';
import { defaultTop } from './count-options.js';
import { compareWordCounts, type CountSummary, type WordCount, type WordCounts } from './word-count.js';

/**
 * The `n` first words in `compareWordCounts` order. A bounded heap whose root is the worst kept entry
 * makes this O(distinct * log n) instead of sorting every distinct word.
 */
export function topWords(counts: ReadonlyMap<string, number>, n: number): WordCount[] {
  if (!Number.isInteger(n) || n < 0) {
    throw new BadInputError(`topWords needs a whole number n >= 0, got ${String(n)}`);
  }
  if (n === 0) return [];
  const heap: WordCount[] = [];
  // `worse(a, b)`: a sorts after b, so a leaves the heap first.
  const worse = (a: WordCount, b: WordCount) => compareWordCounts(a, b) > 0;
  for (const [word, count] of counts) {
    if (heap.length < n) {
      heap.push({ word, count });
      siftUp(heap, heap.length - 1, worse);
    } else if (worse(heap[0], { word, count })) {
      heap[0] = { word, count };
      siftDown(heap, 0, worse);
    }
  }
  return heap.sort(compareWordCounts);
}

function siftUp<T>(heap: T[], index: number, worse: (a: T, b: T) => boolean): void {
  const item = heap[index];
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (!worse(item, heap[parent])) break;
    heap[index] = heap[parent];
    index = parent;
  }
  heap[index] = item;
}

function siftDown<T>(heap: T[], index: number, worse: (a: T, b: T) => boolean): void {
  const item = heap[index];
  const size = heap.length;
  for (;;) {
    let child = 2 * index + 1;
    if (child >= size) break;
    if (child + 1 < size && worse(heap[child + 1], heap[child])) child++;
    if (!worse(heap[child], item)) break;
    heap[index] = heap[child];
    index = child;
  }
  heap[index] = item;
}

/** Totals and the top `top` words (default 10) of a count. */
export function summarize(counts: WordCounts, top: number = defaultTop): CountSummary {
  if (!Number.isInteger(top) || top < 1) {
    throw new BadInputError(`top must be a whole number >= 1, got ${String(top)}`);
  }
  return {
    bytes: counts.bytes,
    totalWords: counts.totalWords,
    distinctWords: counts.counts.size,
    top: topWords(counts.counts, top),
  };
}
