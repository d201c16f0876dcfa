import { parseResultMessage, type JobQueue, type JobResult, type ResultStore } from '@wordfreq/core';
import type { Upload } from './loadtest-uploads.js';

/** Whether every uploaded file got exactly one result: nothing lost, nothing counted twice. */
export interface JobAccounting {
  readonly uploaded: number;
  /** Rows in the results table for the uploaded files. */
  readonly resultRows: number;
  /** Messages on the results queue for the uploaded files: one per time a job ran to its result. */
  readonly resultMessages: number;
  /** Uploaded files with no row in the results table. */
  readonly missing: readonly string[];
  /** Files with no message on the results queue. */
  readonly unpublished: readonly string[];
  /** Files whose result was published more than once (a job run twice). */
  readonly duplicated: readonly string[];
  /** Files whose result is a failure (e.g. NOT_TEXT): the job ran but did not count. */
  readonly failed: readonly string[];
  /** Messages left on the dead-letter queue. */
  readonly deadLettered: number;
  /** Every file has exactly one succeeded result and one result message, and nothing was dead-lettered. */
  readonly exactlyOnce: boolean;
}

export interface AccountingSources {
  readonly bucket: string;
  readonly results: ResultStore;
  readonly resultsQueue: JobQueue;
  readonly deadLetters: JobQueue;
}

/**
 * Reads what the workers left behind: the results table (one row per file, idempotent by design) and
 * the results queue, where a job that ran twice would show as two messages for one file. Drains the
 * results queue, so call it once, after the workers stopped.
 */
export async function accountForJobs(uploads: readonly Upload[], sources: AccountingSources): Promise<{ accounting: JobAccounting; rows: JobResult[] }> {
  const filenames = new Set(uploads.map((upload) => `${sources.bucket}/${upload.key}`));
  const rows: JobResult[] = [];
  for await (const row of sources.results.list()) if (filenames.has(row.filename)) rows.push(row);
  const messages = await drainResultMessages(sources.resultsQueue);
  const published = new Map<string, number>();
  for (const message of messages) {
    if (filenames.has(message.filename)) published.set(message.filename, (published.get(message.filename) ?? 0) + 1);
  }
  const byFile = new Map(rows.map((row) => [row.filename, row]));
  const missing = [...filenames].filter((name) => !byFile.has(name)).sort();
  const duplicated = [...published].filter(([, count]) => count > 1).map(([name]) => name).sort();
  const failed = rows.filter((row) => row.status !== 'succeeded').map((row) => row.filename).sort();
  const unpublished = [...filenames].filter((name) => !published.has(name)).sort();
  const { visible, inFlight } = await sources.deadLetters.depth();
  const deadLettered = visible + inFlight;
  const resultMessages = [...published.values()].reduce((a, b) => a + b, 0);
  const accounting: JobAccounting = {
    uploaded: filenames.size,
    resultRows: rows.length,
    resultMessages,
    missing,
    unpublished,
    duplicated,
    failed,
    deadLettered,
    exactlyOnce: missing.length === 0 && duplicated.length === 0 && failed.length === 0 && unpublished.length === 0 && deadLettered === 0,
  };
  return { accounting, rows };
}

/** Receives every message on the results queue (and deletes it) until two receives come back empty. */
async function drainResultMessages(queue: JobQueue): Promise<ReturnType<typeof parseResultMessage>[]> {
  const messages: ReturnType<typeof parseResultMessage>[] = [];
  for (let empty = 0; empty < 2; ) {
    const batch = await queue.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 60 });
    if (batch.length === 0) {
      empty += 1;
      continue;
    }
    empty = 0;
    for (const delivery of batch) {
      messages.push(parseResultMessage(delivery.body));
      await queue.ack(delivery);
    }
  }
  return messages;
}
