import type { Clock, JobResult, ResultStore } from '@wordfreq/core';

/** An upload whose result is awaited: the table row for `filename` describing this very content. */
export interface AwaitedResult {
  /** `bucket/key`, the results table's key. */
  readonly filename: string;
  /** The ETag the upload returned; a row with another ETag describes an earlier version of the object. */
  readonly etag: string;
}

export interface WaitOptions {
  readonly clock: Clock;
  readonly pollMs: number;
  readonly timeoutMs: number;
  /** Called once per awaited upload, in the order results appear. */
  readonly onResult: (result: JobResult) => void;
}

/** Compared without the quotes S3 sometimes keeps around ETags. */
const bareEtag = (etag: string | undefined) => etag?.replace(/^"|"$/g, '');

/**
 * Polls the results table (strongly consistent reads of each key, not a scan) until every upload has
 * its result or the time is up, like the Go sample's `uploads3` waiting for each file. It reads the
 * table rather than the results queue: receiving from the queue would take messages away from their
 * real consumers. A row the Go sample wrote (a worker of each kind sharing the queue and table) has
 * no ETag to compare: it is taken as the upload's result, since the Go worker writes it only after
 * counting the object it read (an older Go row of the same key would be taken too). Returns the
 * filenames still without a result.
 */
export async function waitForResults(results: ResultStore, awaited: readonly AwaitedResult[], options: WaitOptions): Promise<string[]> {
  const pending = new Map(awaited.map((upload) => [upload.filename, bareEtag(upload.etag)]));
  const deadline = options.clock.now().getTime() + options.timeoutMs;
  for (;;) {
    const found = await Promise.all(
      [...pending].map(async ([filename, etag]) => {
        const result = await results.get(filename);
        return result !== undefined && (bareEtag(result.etag) === etag || result.origin === 'go-sample') ? result : undefined;
      }),
    );
    for (const result of found) {
      if (result === undefined) continue;
      pending.delete(result.filename);
      options.onResult(result);
    }
    const left = deadline - options.clock.now().getTime();
    if (pending.size === 0 || left <= 0) return [...pending.keys()];
    await options.clock.sleep(Math.min(options.pollMs, left));
  }
}
