import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  PartialCountsAccumulator,
  countCorpusPart,
  decodePartialCounts,
  encodePartialCounts,
  type CorpusPart,
  type CountCorpusPartDeps,
  type CountOptions,
  type ErrorCode,
  type PartialCounts,
  WordFreqError,
} from '@wordfreq/core';
import { fileObjects } from './local-corpus.js';

/** Where the parts' objects are read from: local files, or S3 as the environment configures it. */
export type CorpusSource = { readonly kind: 'files' } | { readonly kind: 's3' };

export interface CountPartsOptions {
  readonly threads: number;
  readonly source: CorpusSource;
  readonly options: CountOptions;
  /** The AWS settings (AWS_REGION, AWS_ENDPOINT_URL_S3, ...) an S3 source's threads read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Called as each part is counted, with its nominal bytes (for a progress bar). */
  readonly onPart?: (part: CorpusPart) => void;
}

const marker = 'wordfreq.corpus-parts/1';

interface ThreadData {
  readonly marker: typeof marker;
  readonly source: CorpusSource;
  readonly options: CountOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
}

type ToThread = { readonly type: 'part'; readonly part: CorpusPart } | { readonly type: 'finish' };
type FromThread =
  | { readonly type: 'counted'; readonly partId: string }
  | { readonly type: 'partial'; readonly payload: Uint8Array }
  // A WordFreqError's code and message: an Error crossing threads would lose its class and code.
  | { readonly type: 'failed'; readonly code: ErrorCode | undefined; readonly message: string };

/**
 * Counts the parts and merges their partial counts: with one thread in this one; with more, on that
 * many worker threads, each taking the next part as it gets free and merging what it counted (a
 * combiner, as a reduce tree's first level would), then handing its partial over in the
 * partial-counts format, as map tasks hand theirs over through S3.
 */
export async function countPartsOnThreads(parts: readonly CorpusPart[], how: CountPartsOptions): Promise<PartialCounts> {
  if (how.threads <= 1 || parts.length <= 1) {
    const { deps, close } = await openSource(how.source, how.env);
    try {
      const total = new PartialCountsAccumulator();
      for (const part of parts) {
        total.add(await countCorpusPart(deps, part, how.options));
        how.onPart?.(part);
      }
      return total.result();
    } finally {
      close();
    }
  }
  const queue = [...parts];
  const byId = new Map(parts.map((part) => [part.id, part]));
  const data: ThreadData = { marker, source: how.source, options: plainOptions(how.options), env: { ...how.env } };
  const threads = Array.from({ length: Math.min(how.threads, parts.length) }, () => runThread(data, queue, (id) => how.onPart?.(byId.get(id)!)));
  const settled = await Promise.allSettled(threads);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  const total = new PartialCountsAccumulator();
  for (const result of settled) total.add((result as PromiseFulfilledResult<PartialCounts>).value);
  return total.result();
}

function runThread(data: ThreadData, queue: CorpusPart[], counted: (partId: string) => void): Promise<PartialCounts> {
  return new Promise((resolve, reject) => {
    // This module is the thread's entry, as in count/threaded-count.ts: the marker makes it act as one.
    const worker = new Worker(new URL(import.meta.url), { workerData: data });
    let partial: PartialCounts | undefined;
    let failed = false;
    const next = () => {
      const part = queue.shift();
      worker.postMessage((part ? { type: 'part', part } : { type: 'finish' }) satisfies ToThread);
    };
    worker.on('message', (message: FromThread) => {
      if (message.type === 'counted') {
        counted(message.partId);
        next();
        return;
      }
      if (message.type === 'failed') {
        failed = true;
        queue.length = 0;
        reject(message.code ? new WordFreqError(message.code, message.message) : new Error(message.message));
        return;
      }
      try {
        partial = decodePartialCounts(message.payload, 'a counting thread');
      } catch (error) {
        failed = true;
        reject(error);
      }
    });
    worker.once('error', (error) => {
      failed = true;
      // Stop handing parts out: the run fails anyway.
      queue.length = 0;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (partial) resolve(partial);
      else if (!failed) reject(new Error(`a corpus counting thread exited (code ${code}) before handing over its counts`));
    });
    next();
  });
}

async function openSource(source: CorpusSource, env: Readonly<Record<string, string | undefined>>): Promise<{ deps: CountCorpusPartDeps; close(): void }> {
  if (source.kind === 'files') return { deps: { objects: fileObjects() }, close() {} };
  // Loaded only for S3, so local runs never pay for the AWS SDK; closed when the thread is done, or
  // its keep-alive sockets would keep the thread from exiting.
  const { openAwsSession } = await import('../aws/aws-session.js');
  const session = openAwsSession(env);
  return { deps: { objects: session.storage }, close: () => session.close() };
}

function plainOptions(options: CountOptions): CountOptions {
  const { stopWords, ...rest } = options;
  return stopWords === undefined || stopWords === 'en' ? options : { ...rest, stopWords: [...stopWords] };
}

async function runCountingThread(data: ThreadData): Promise<void> {
  const port = parentPort!;
  const fail = (error: unknown) => {
    const code = WordFreqError.isInstance(error) ? error.code : undefined;
    port.postMessage({ type: 'failed', code, message: error instanceof Error ? error.message : String(error) } satisfies FromThread);
    port.close();
  };
  let source;
  try {
    source = await openSource(data.source, data.env);
  } catch (error) {
    fail(error);
    return;
  }
  const { deps, close } = source;
  const total = new PartialCountsAccumulator();
  port.on('message', (message: ToThread) => {
    if (message.type === 'finish') {
      close();
      const payload = encodePartialCounts(total.result());
      port.postMessage({ type: 'partial', payload } satisfies FromThread, [payload.buffer as ArrayBuffer]);
      port.close();
      return;
    }
    countCorpusPart(deps, message.part, data.options).then((partial) => {
      total.add(partial);
      port.postMessage({ type: 'counted', partId: message.part.id } satisfies FromThread);
    }, (error: unknown) => {
      close();
      fail(error);
    });
  });
}

if (!isMainThread && (workerData as Partial<ThreadData> | null)?.marker === marker) {
  void runCountingThread(workerData as ThreadData);
}
