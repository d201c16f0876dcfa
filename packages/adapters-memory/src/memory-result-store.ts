import { isNotOlderVersion, type JobResult, type ResultStore, type SaveOutcome } from '@wordfreq/core';
import { badInput } from './bad-input.js';

/**
 * The `wordfreq` results table in memory: one row per filename (a conditional PutItem, as the
 * DynamoDB store's: saving the same job again replaces its row and never adds one, and a result of
 * an older object version than the row's is refused as `superseded`). Rows are copied in and out, as
 * a database would.
 */
export class MemoryResultStore implements ResultStore {
  readonly #rows = new Map<string, JobResult>();

  async save(result: JobResult): Promise<SaveOutcome> {
    if (typeof result.filename !== 'string' || result.filename.length === 0) {
      throw badInput(`result ${result.resultId ?? '(no resultId)'} has no filename; it is the table's key`);
    }
    const stored = this.#rows.get(result.filename);
    if (stored && !isNotOlderVersion(result.objectModifiedAt, stored.objectModifiedAt)) return 'superseded';
    this.#rows.set(result.filename, structuredClone(result));
    return 'saved';
  }

  async markPublished(filename: string, resultId: string): Promise<void> {
    this.#setPublished(filename, resultId, true);
  }

  async markUnpublished(filename: string, resultId: string): Promise<void> {
    this.#setPublished(filename, resultId, false);
  }

  #setPublished(filename: string, resultId: string, published: boolean): void {
    const stored = this.#rows.get(filename);
    if (stored && stored.resultId === resultId) this.#rows.set(filename, { ...stored, published });
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
