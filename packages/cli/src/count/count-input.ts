import type { Readable } from 'node:stream';
import { countWords, type CountOptions, type WordCounts } from '@wordfreq/core';
import type { CountInput } from './count-inputs.js';
import { readFileChunks } from './read-file-chunks.js';
import { countFileThreaded, defaultThreads } from './threaded-count.js';

/**
 * Counts one input, streaming: a file through a reused buffer (split over `threads` threads when
 * asked, or by size when `threads` is undefined), standard input chunk by chunk as it arrives.
 */
export async function countInput(input: CountInput, options: CountOptions, threads: number | undefined, stdin: Readable): Promise<WordCounts> {
  if (input.kind === 'stdin') return countWords(stdin as AsyncIterable<Uint8Array>, options);
  const wanted = threads ?? defaultThreads(input.size);
  // Splitting needs a size known up front (not a FIFO or device) and something to split.
  if (wanted > 1 && input.size > wanted) return countFileThreaded(input.path, input.size, wanted, options);
  return countWords(readFileChunks(input.path), options);
}
