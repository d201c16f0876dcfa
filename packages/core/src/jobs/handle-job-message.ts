import { WordFreqError } from '../errors.js';
import { defaultMaxRecordsPerMessage } from '../config/job-defaults.js';
import type { Delivery, JobQueue } from '../ports/queue.port.js';
import { parseJobMessage } from './job-message.parser.js';
import { processJob, type ProcessedJob, type ProcessJobDeps, type ProcessJobOptions } from './process-job.js';

/** What the runtime should do with a delivery; the use case itself never touches the queue. */
export type MessageOutcome =
  | { readonly action: 'ack'; readonly results: ProcessedJob[]; readonly fannedOut?: number }
  | { readonly action: 'dead-letter'; readonly reason: string; readonly results?: ProcessedJob[] }
  | { readonly action: 'retry'; readonly error: unknown; readonly results: ProcessedJob[] };

export interface HandleJobMessageDeps extends ProcessJobDeps {
  /**
   * The jobs queue, where a message of several records is fanned out as one direct job per record.
   * Without it (a caller with no queue), the records run one after another in this delivery.
   */
  readonly jobs?: Pick<JobQueue, 'send'>;
}

export interface HandleJobMessageOptions extends ProcessJobOptions {
  /** Buckets jobs may name (the uploads bucket); any other is an unreadable message. Any valid name when absent. */
  readonly allowedBuckets?: readonly string[];
  /** Most records one message may hold; more is an unreadable message (default defaultMaxRecordsPerMessage). */
  readonly maxRecordsPerMessage?: number;
  /**
   * The jobs queue's maxReceiveCount. A transient failure on that receive is dead-lettered with its
   * reason rather than left for the redrive, which would move the message without one.
   */
  readonly maxReceives?: number;
}

/**
 * Applies the design's outcome rules to one queue delivery:
 * - unreadable message (BadMessageError from parsing: not a job, a bucket not allowed or not a valid
 *   name, a key over 1,024 bytes, too many records) -> dead-letter with the reason (`CODE: message`);
 * - no jobs in it (s3:TestEvent, only non-ObjectCreated records) -> ack, nothing to do;
 * - several jobs -> each is sent back to the jobs queue as a direct job of its own, then the message
 *   is acked (`fannedOut`): every job is then processed, retried and settled on its own, so one slow,
 *   failing or forbidden record never holds back the others;
 * - one job recorded, as success, permanent failure or superseded by a newer version -> ack;
 * - the job refused for configuration (CONFIG: access denied to the bucket, say) -> dead-letter with
 *   the reason: retrying cannot help until someone fixes the permission, and the dead-letter queue
 *   keeps the message for a redrive then;
 * - a transient failure (anything else processJob throws) -> retry: leave the message to come back
 *   after its visibility timeout; on the receive numbered `maxReceives`, the last the redrive allows,
 *   dead-letter it with the reason instead.
 * Without a jobs queue, the jobs of a multi-record message run one after another and stop at the
 * first transient failure; the redelivery redoes the earlier ones, which is harmless (results are
 * saved idempotently and carry deterministic ids), and `results` says what was done so far.
 */
export async function handleJobMessage(delivery: Delivery, deps: HandleJobMessageDeps, options: HandleJobMessageOptions): Promise<MessageOutcome> {
  let jobs;
  try {
    jobs = parseJobMessage(delivery.body, {
      maxRecords: options.maxRecordsPerMessage ?? defaultMaxRecordsPerMessage,
      ...(options.allowedBuckets ? { allowedBuckets: options.allowedBuckets } : {}),
    });
  } catch (error) {
    if (!WordFreqError.hasCode(error, 'BAD_MESSAGE')) throw error;
    // The reason travels alone (a message attribute on the dead-letter queue), so it names the code
    // for whoever reads the queue: `BAD_MESSAGE: message body is not JSON ...`.
    const reason = `${error.code}: ${error.message}`;
    deps.logger?.warn('unreadable job message', { messageId: delivery.id, reason });
    return { action: 'dead-letter', reason };
  }

  if (jobs.length === 0) {
    deps.logger?.debug('job message has no jobs (test event or other event types)', { messageId: delivery.id });
    return { action: 'ack', results: [] };
  }

  if (jobs.length > 1 && deps.jobs) {
    try {
      // A failed send leaves the message for redelivery, which sends every job again: duplicates
      // are harmless (results are saved idempotently, with deterministic ids).
      for (const job of jobs) await deps.jobs.send(JSON.stringify({ bucket: job.bucket, key: job.key }), { fannedOutFrom: delivery.id });
    } catch (error) {
      return retryOrGiveUp(delivery, deps, options, error, [], `fanning out ${jobs.length} jobs`);
    }
    deps.logger?.info('multi-record job message fanned out, one job per message', { messageId: delivery.id, jobs: jobs.length });
    return { action: 'ack', results: [], fannedOut: jobs.length };
  }

  const results: ProcessedJob[] = [];
  for (const job of jobs) {
    try {
      results.push(await processJob(job, deps, options));
    } catch (error) {
      const filename = `${job.bucket}/${job.key}`;
      if (jobs.length === 1 && WordFreqError.hasCode(error, 'CONFIG')) {
        const reason = `${error.code}: ${error.message}`;
        deps.logger?.error('job refused by configuration (permissions?), dead-lettered', { messageId: delivery.id, filename, reason });
        return { action: 'dead-letter', reason, results };
      }
      return retryOrGiveUp(delivery, deps, options, error, results, filename);
    }
  }
  return { action: 'ack', results };
}

function retryOrGiveUp(
  delivery: Delivery,
  deps: HandleJobMessageDeps,
  options: HandleJobMessageOptions,
  error: unknown,
  results: ProcessedJob[],
  what: string,
): MessageOutcome {
  const message = error instanceof Error ? error.message : String(error);
  const code = WordFreqError.isInstance(error) ? error.code : undefined;
  if (options.maxReceives !== undefined && delivery.receiveCount >= options.maxReceives && !options.signal?.aborted) {
    const reason = `${code ?? 'ERROR'}: ${what} failed on receive ${delivery.receiveCount} of ${options.maxReceives}, the last before the redrive: ${message}`;
    deps.logger?.error('job failed on its last receive, dead-lettered', { messageId: delivery.id, reason });
    return { action: 'dead-letter', reason, results };
  }
  deps.logger?.warn('job failed, will be retried', {
    messageId: delivery.id,
    receiveCount: delivery.receiveCount,
    filename: what,
    error: message,
    ...(code ? { code } : {}),
  });
  return { action: 'retry', error, results };
}
