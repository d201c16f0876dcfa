import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { countWords, emptyCounts, mergeCounts, type CountOptions, type WordCounts } from '@wordfreq/core';
import { readFileChunks } from './read-file-chunks.js';
import { splitAtWordBoundaries } from './split-points.js';

/**
 * Below this many bytes per thread, starting a worker (about 40 ms for an isolate and the bundle,
 * more when the other core is busy) costs more than it saves.
 */
export const minBytesPerThread = 32 * 1024 * 1024;

/** `--threads` when not given: one per core for big files, one for small files and pipes. */
export function defaultThreads(size: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(size / minBytesPerThread), 8));
}

/** What a worker is told: plain data, since it crosses a thread boundary by structured clone. */
interface RangeTask {
  readonly marker: typeof taskMarker;
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly options: CountOptions;
}

const taskMarker = 'wordfreq.count-range/1';

/**
 * Counts a file with `threads` threads: the file is cut at white space into ranges, this thread
 * counts the first while workers count the others, and the counts are merged (a monoid, so the
 * result equals a single-thread count exactly).
 */
export async function countFileThreaded(path: string, size: number, threads: number, options: CountOptions = {}): Promise<WordCounts> {
  const plainOptions = toPlainOptions(options);
  const [first, ...rest] = await splitAtWordBoundaries(path, size, threads);
  const workers = rest.map((range) => countRangeInWorker({ marker: taskMarker, path, ...range, options: plainOptions }));
  // Attach handlers now, so a failing worker is not an unhandled rejection while this thread counts.
  const settled = Promise.allSettled(workers);
  const own = await countWords(readFileChunks(path, first), plainOptions);
  const results = await settled;
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return results.reduce((total, result) => mergeCounts(total, (result as PromiseFulfilledResult<WordCounts>).value), own ?? emptyCounts());
}

function toPlainOptions(options: CountOptions): CountOptions {
  const { stopWords, ...rest } = options;
  return stopWords === undefined || stopWords === 'en' ? options : { ...rest, stopWords: [...stopWords] };
}

function countRangeInWorker(task: RangeTask): Promise<WordCounts> {
  return new Promise((resolve, reject) => {
    // This very module is the worker's entry: it lives in whatever bundle chunk holds this code, so
    // no separate build entry is needed. The `marker` check below makes it act as a worker there.
    const worker = new Worker(new URL(import.meta.url), { workerData: task });
    let result: WordCounts | undefined;
    worker.once('message', (counts: WordCounts) => (result = counts));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`counting bytes ${task.start}-${task.end} of ${task.path} in a worker thread failed (exit code ${code})`));
    });
  });
}

async function runRangeTask(task: RangeTask): Promise<void> {
  const counts = await countWords(readFileChunks(task.path, task), task.options);
  parentPort!.postMessage(counts);
}

if (!isMainThread && (workerData as Partial<RangeTask> | null)?.marker === taskMarker) {
  runRangeTask(workerData as RangeTask).catch((error: unknown) => {
    // Rethrown outside the promise so the worker exits with an 'error' event carrying it.
    setImmediate(() => {
      throw error;
    });
  });
}
