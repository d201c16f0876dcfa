import { BadInputError } from '../errors.js';

const MiB = 1024 * 1024;

/**
 * What one distinct word costs while the counter holds it, estimated without measuring: the `Map`
 * entry with its string that the summary is built in (about 54 bytes for an 8-letter word on
 * Node 20, measured; up to twice that while the Map grows), on top of the table's slot.
 * Deliberately high: an estimate that is low lets the process outgrow its instance.
 */
export const bytesPerHeldWord = 96;

/** A merged word in a `Map`: the entry and the string's header; its characters are added per word. */
export const bytesPerMapEntry = 64;

/**
 * The most entries a Map of words may get, far below V8's limit (2^24 entries, where `set` throws
 * `RangeError: Map maximum size exceeded`), whatever budget is asked for.
 */
export const maxWordsInOneMap = 1 << 22;

/**
 * Memory a whole worker process may use by default: fits a 1 GiB instance (t2.micro, the course's)
 * with room for the OS and agents. The worker shares it among its `WORKER_COUNT` jobs.
 */
export const defaultWorkerMemoryBytes = 640 * MiB;

/** What the worker process needs besides its jobs' counters: Node itself, the SDK, read buffers. */
export const workerBaseBytes = 128 * MiB;

/**
 * V8 frees a dropped Map only at its next full collection, and the heap grows meanwhile: a job may
 * have its budget's worth live and as much again awaiting collection. A job's budget is its share
 * of the worker's memory divided by this.
 */
export const garbageFactor = 2;

/**
 * V8 lets its old generation grow up to 4 times what survived the last full collection before it
 * collects again (its largest heap growing factor), and each merged partition's Map is garbage once
 * merged: a partition is merged only when its Map takes at most this fraction of the budget.
 */
export const mergeGarbageFactor = 4;

/** The smallest per-job budget accepted: below it, a counter would spill every few hundred words. */
export const minCountMemoryBytes = 64 * 1024;

/**
 * A counter's memory budget (per job) from the process's total and the jobs it runs at once. A
 * total not above `workerBaseBytes` (a 128 MB Lambda function) leaves the jobs the minimum.
 */
export function countMemoryPerJob(workerMemoryBytes: number, jobs: number): number {
  if (!Number.isSafeInteger(workerMemoryBytes) || workerMemoryBytes < 0) {
    throw new BadInputError(`the worker's memory budget must be a whole number of bytes, got ${String(workerMemoryBytes)}`);
  }
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new BadInputError(`jobs must be a whole number >= 1, got ${String(jobs)}`);
  return Math.max(minCountMemoryBytes, Math.floor(Math.max(0, workerMemoryBytes - workerBaseBytes) / jobs / garbageFactor));
}

/** The default budget of one counter: the default worker's memory for one job at a time (Lambda's case). */
export const defaultCountMemoryBytes = countMemoryPerJob(defaultWorkerMemoryBytes, 1);

/** A problem with a per-job budget, or undefined when it is usable. */
export function countMemoryProblem(bytes: unknown): string | undefined {
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < minCountMemoryBytes) {
    return `must be a whole number of bytes >= ${minCountMemoryBytes} (64 KiB), got ${String(bytes)}`;
  }
  return undefined;
}
