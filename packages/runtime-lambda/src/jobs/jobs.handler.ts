import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { handleJobMessage, type Delivery, type JobQueue, type Logger, type Metrics, type ProcessJobDeps, type ProcessJobOptions } from '@wordfreq/core';
import { mapWithConcurrency } from '../map-with-concurrency.js';
import { inInvocation } from '../observability/invocation-context.js';
import { TimeBudget } from '../time-budget.js';
import { toDelivery } from './sqs-delivery.js';

export interface JobsHandlerDeps extends ProcessJobDeps {
  /**
   * The queue this function is subscribed to. Used with the records' own receipt handles: to move an
   * unreadable message to the dead-letter queue, and to release (visibility 0) work it cannot finish.
   */
  readonly queue: JobQueue;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface JobsHandlerOptions {
  readonly job: Omit<ProcessJobOptions, 'signal'>;
  /** Records of one batch processed at once. */
  readonly concurrency: number;
  /**
   * Time kept back before the function's timeout: jobs still running then are aborted and released,
   * and records not started are released, so the response (and the releases) go out in time.
   */
  readonly marginMs: number;
}

type RecordOutcome = 'succeeded' | 'failed' | 'dead-lettered' | 'ignored' | 'retry' | 'released';

/**
 * The SQS event-source handler. Returns ReportBatchItemFailures' response: exactly the records to be
 * redelivered (transient failures and released work); Lambda deletes all others, so a finished job is
 * never redone because a neighbour in its batch failed. Enable `ReportBatchItemFailures` on the event
 * source mapping, or Lambda ignores the response and retries the whole batch when any record fails.
 */
export function createJobsHandler(deps: JobsHandlerDeps, options: JobsHandlerOptions): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const { logger, metrics, queue } = deps;

  const handleRecord = async (delivery: Delivery, budget: TimeBudget, signal: AbortSignal): Promise<RecordOutcome> => {
    const log = { messageId: delivery.id, receiveCount: delivery.receiveCount };
    if (budget.exhausted()) return release(delivery, 'not started: too little time left in this invocation');
    let outcome;
    try {
      outcome = await handleJobMessage(delivery, deps, { ...options.job, signal });
    } catch (error) {
      // handleJobMessage turns every job failure into an outcome; this is a bug or a broken dependency.
      logger.error('job message handling threw', { ...log, error });
      metrics.record('JobErrors', 1, 'Count');
      return 'retry';
    }
    switch (outcome.action) {
      case 'ack': {
        for (const result of outcome.results) {
          metrics.record(result.status === 'failed' ? 'JobsFailed' : 'JobsSucceeded', 1, 'Count');
          metrics.record('JobDuration', result.durationMs, 'Milliseconds');
        }
        if (outcome.results.length === 0) return 'ignored';
        return outcome.results.some((r) => r.status === 'failed') ? 'failed' : 'succeeded';
      }
      case 'dead-letter':
        try {
          await queue.deadLetter(delivery, outcome.reason);
        } catch (error) {
          // Not on the dead-letter queue yet: let it come back rather than lose it.
          logger.error('could not move an unreadable message to the dead-letter queue', { ...log, reason: outcome.reason, error });
          return 'retry';
        }
        metrics.record('MessagesDeadLettered', 1, 'Count');
        logger.warn('unreadable message moved to the dead-letter queue', { ...log, reason: outcome.reason });
        return 'dead-lettered';
      case 'retry':
        if (signal.aborted) return release(delivery, 'aborted: the invocation is about to time out');
        metrics.record('JobErrors', 1, 'Count');
        return 'retry';
    }
  };

  const release = async (delivery: Delivery, why: string): Promise<RecordOutcome> => {
    try {
      // Visible again now, for the next invocation, instead of after the whole visibility timeout.
      await queue.release(delivery);
      logger.warn('job released', { messageId: delivery.id, why });
    } catch (error) {
      logger.warn('job could not be released; it comes back after its visibility timeout', { messageId: delivery.id, why, error });
    }
    metrics.record('JobsReleased', 1, 'Count');
    return 'released';
  };

  return inInvocation(async (event, context) => {
    const budget = new TimeBudget(() => context.getRemainingTimeInMillis(), options.marginMs);
    const deadline = budget.deadline();
    try {
      // SQS may hand the same message over twice in one batch; its job runs once, both copies share the outcome.
      const byId = new Map<string, Delivery>();
      for (const record of event.Records) if (!byId.has(record.messageId)) byId.set(record.messageId, toDelivery(record));
      const deliveries = [...byId.values()];

      const outcomes = await mapWithConcurrency(deliveries, options.concurrency, (delivery) => handleRecord(delivery, budget, deadline.signal));
      const batchItemFailures: SQSBatchItemFailure[] = deliveries
        .filter((_, i) => outcomes[i] === 'retry' || outcomes[i] === 'released')
        .map((d) => ({ itemIdentifier: d.id }));
      logger.info('batch done', {
        records: event.Records.length,
        ...Object.fromEntries(countBy(outcomes)),
        batchItemFailures: batchItemFailures.length,
      });
      return { batchItemFailures };
    } finally {
      deadline.dispose();
    }
  });
}

function countBy(outcomes: readonly RecordOutcome[]): Map<RecordOutcome, number> {
  const counts = new Map<RecordOutcome, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  return counts;
}
