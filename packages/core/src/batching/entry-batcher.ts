import type { BatchFailure } from '../ports/result-store.port.js';

/** A batch call: it returns the entries it could not handle; every other entry went through. */
export type BatchSend<T> = (entries: T[]) => Promise<readonly BatchFailure<T>[]>;

export interface EntryBatcherOptions {
  /** Most entries per call (SQS batches: 10). */
  readonly maxEntries: number;
  /**
   * How long the first entry of a batch waits for company. Short: the callers (a job's save and
   * publish, its ack) wait this long, but no job slot does, so it costs latency, not throughput.
   */
  readonly lingerMs: number;
}

/**
 * Collects single calls into batch calls: `add(entry)` resolves once the batch holding it went
 * through for that entry, and rejects with the entry's own error when the batch refused it (or
 * with the call's error when the whole call failed), so each caller keeps its own outcome — a job
 * whose ack failed is left for redelivery, the others are not. Entries are never retried here.
 */
export class EntryBatcher<T> {
  private pending: { entry: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly send: BatchSend<T>,
    private readonly options: EntryBatcherOptions,
  ) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError(`maxEntries must be a whole number >= 1, got ${options.maxEntries}`);
  }

  add(entry: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (this.pending.length >= this.options.maxEntries) this.flush();
      else if (this.timer === undefined) {
        // Not unref'd: while every slot waits on a batch, this timer may be all that keeps the
        // process alive (an unref'd one let an idle-looking worker exit with its jobs unfinished).
        this.timer = setTimeout(() => this.flush(), this.options.lingerMs);
      }
    });
  }

  /** Sends what is waiting now; resolves when every call started so far has answered. */
  async settle(): Promise<void> {
    this.flush();
    await Promise.all([...this.inFlight]);
  }

  private flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxEntries);
      const call = this.sendBatch(batch).finally(() => this.inFlight.delete(call));
      this.inFlight.add(call);
    }
  }

  private async sendBatch(batch: { entry: T; resolve: () => void; reject: (error: unknown) => void }[]): Promise<void> {
    let failures: readonly BatchFailure<T>[];
    try {
      failures = await this.send(batch.map(({ entry }) => entry));
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    const failed = new Map(failures.map(({ entry, error }) => [entry, error]));
    for (const { entry, resolve, reject } of batch) {
      if (failed.has(entry)) reject(failed.get(entry));
      else resolve();
    }
  }
}
