import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { recordJobMetrics, settleJob, settleUnfinished, type Delivery, type JobQueue, type JobSettlementKind, type Logger, type MessageOutcome, type Metrics } from '@wordfreq/core';
import type { HandleJobMessageFn } from '@wordfreq/core/di';
import { mapWithConcurrency } from '../map-with-concurrency.js';
import { inInvocation } from '../observability/invocation-context.js';
import { TimeBudget } from '../time-budget.js';
import { toDelivery } from './sqs-delivery.js';

export interface JobsHandlerDeps {
  /** The use case, bound to its ports and settings (`handleJobMessageFrom(container)`). */
  readonly handleJobMessage: HandleJobMessageFn;
  /**
   * The queue this function is subscribed to. Used with the records' own receipt handles: to move an
   * unreadable message to the dead-letter queue, and to release (visibility 0) work it cannot finish.
   */
  readonly queue: JobQueue;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface JobsHandlerOptions {
  /** Records of one batch processed at once. */
  readonly concurrency: number;
  /**
   * Time kept back before the function's timeout: jobs still running then are aborted and released,
   * and records not started are released, so the response (and the releases) go out in time.
   */
  readonly marginMs: number;
}

type RecordOutcome = JobSettlementKind;

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
    let outcome: MessageOutcome;
    try {
      outcome = await deps.handleJobMessage(delivery, signal);
    } catch (error) {
      // handleJobMessage turns every job failure into an outcome; this is a bug or a broken dependency.
      logger.error('job message handling threw', { ...log, error });
      outcome = { action: 'retry', error, results: [] };
    }
    const settlement = settleJob(outcome, { aborted: signal.aborted });
    recordJobMetrics(metrics, settlement.resultMetrics);
    switch (settlement.action) {
      case 'ack':
        // Lambda deletes every record not reported as a batch item failure.
        return settlement.kind;
      case 'dead-letter':
        try {
          await queue.deadLetter(delivery, settlement.reason);
        } catch (error) {
          // Not on the dead-letter queue yet: let it come back rather than lose it.
          logger.error('could not move an unreadable message to the dead-letter queue', { ...log, reason: settlement.reason, error });
          return 'retry';
        }
        recordJobMetrics(metrics, [settlement.actionMetric]);
        logger.warn('unreadable message moved to the dead-letter queue', { ...log, reason: settlement.reason });
        return 'dead-lettered';
      case 'release':
        return release(delivery, 'aborted: the invocation is about to time out');
      case 'leave':
        recordJobMetrics(metrics, [settlement.actionMetric]);
        return 'retry';
    }
  };

  const release = async (delivery: Delivery, why: string): Promise<RecordOutcome> => {
    try {
      // Visible again now, for the next invocation, instead of after the whole visibility timeout.
      await queue.release(delivery);
      recordJobMetrics(metrics, [settleUnfinished().actionMetric]);
      logger.warn('job released', { messageId: delivery.id, why });
    } catch (error) {
      logger.warn('job could not be released; it comes back after its visibility timeout', { messageId: delivery.id, why, error });
    }
    // Reported as a batch item failure either way, so Lambda does not delete it.
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
