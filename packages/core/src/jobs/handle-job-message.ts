import { WordFreqError } from '../errors.js';
import type { Delivery } from '../ports/queue.port.js';
import type { JobResult } from '../ports/result-store.port.js';
import { parseJobMessage } from './job-message.parser.js';
import { processJob, type ProcessJobDeps, type ProcessJobOptions } from './process-job.js';

/** What the runtime should do with a delivery; the use case itself never touches the queue. */
export type MessageOutcome =
  | { readonly action: 'ack'; readonly results: JobResult[] }
  | { readonly action: 'dead-letter'; readonly reason: string }
  | { readonly action: 'retry'; readonly error: unknown; readonly results: JobResult[] };

/**
 * Applies the design's outcome rules to one queue delivery:
 * - unreadable message (BadMessageError from parsing) -> dead-letter with the reason (`CODE: message`), never dropped;
 * - no jobs in it (s3:TestEvent, only non-ObjectCreated records) -> ack, nothing to do;
 * - every job recorded, as success or permanent failure -> ack with the results;
 * - a job failed transiently (anything processJob throws) -> retry: leave the message to come back
 *   after its visibility timeout (the queue's redrive dead-letters it after maxReceiveCount). The jobs
 *   of a multi-record message run one after another and stop at the first such failure; the
 *   redelivery redoes the earlier ones, which is harmless (results are saved idempotently and carry
 *   deterministic ids for consumers to drop duplicates), and `results` says what was done so far.
 */
export async function handleJobMessage(delivery: Delivery, deps: ProcessJobDeps, options: ProcessJobOptions): Promise<MessageOutcome> {
  let jobs;
  try {
    jobs = parseJobMessage(delivery.body);
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

  const results: JobResult[] = [];
  for (const job of jobs) {
    try {
      results.push(await processJob(job, deps, options));
    } catch (error) {
      deps.logger?.warn('job failed, will be retried', {
        messageId: delivery.id,
        receiveCount: delivery.receiveCount,
        filename: `${job.bucket}/${job.key}`,
        error: error instanceof Error ? error.message : String(error),
        ...(WordFreqError.isInstance(error) ? { code: error.code } : {}),
      });
      return { action: 'retry', error, results };
    }
  }
  return { action: 'ack', results };
}
