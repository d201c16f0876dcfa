import type { JobResult, ResultStore } from '@wordfreq/core';
import { badInput } from './bad-input.js';

/**
 * The `wordfreq` results table in memory: one row per filename (PutItem semantics, so saving the same
 * job again replaces its row and never adds one). Rows are copied in and out, as a database would.
 */
export class MemoryResultStore implements ResultStore {
  readonly #rows = new Map<string, JobResult>();

  async save(result: JobResult): Promise<void> {
    if (typeof result.filename !== 'string' || result.filename.length === 0) {
      throw badInput(`result ${result.resultId ?? '(no resultId)'} has no filename; it is the table's key`);
    }
    this.#rows.set(result.filename, structuredClone(result));
  }

  async get(filename: string): Promise<JobResult | undefined> {
    const row = this.#rows.get(filename);
    return row && structuredClone(row);
  }

  async *list(): AsyncIterable<JobResult> {
    // A snapshot, like a Scan's pages taken in quick succession.
    for (const row of [...this.#rows.values()]) yield structuredClone(row);
  }

  get size(): number {
    return this.#rows.size;
  }
}
