import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { decodeCounterStreamRecord, type CounterStreamRecord, type SiteTotalChange } from '@wordfreq/adapters-aws/dynamodb';
import { crossingsFromImages, WordFreqError, type Logger, type Metrics, type MilestoneMailOptions } from '@wordfreq/core';
import type { NotifyMilestoneFn, ResumeUnsentMilestonesFn } from '@wordfreq/core/di';
import { inInvocation } from '../observability/invocation-context.js';

export interface MilestoneHandlerDeps {
  /** The use case, bound to its ports (`notifyMilestoneFrom(container)`). */
  readonly notifyMilestone: NotifyMilestoneFn;
  /** The recovery sweep (`resumeUnsentMilestonesFrom(root)`): resends claims left unsent. */
  readonly resumeUnsentMilestones: ResumeUnsentMilestonesFn;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** An EventBridge scheduled event (or any event without `Records`): sweep only. */
export interface MilestoneSweepEvent {
  readonly source?: string;
  readonly 'detail-type'?: string;
}

export interface MilestoneHandlerOptions {
  readonly thresholds: readonly number[];
  readonly mail: MilestoneMailOptions;
}

/**
 * DynamoDB Streams on the counters table (NEW_AND_OLD_IMAGES) -> the site total's old and new value ->
 * the milestone rule -> `notifyMilestone`, whose claim makes the mail exactly-once however often a
 * record is delivered.
 *
 * Records are handled in stream order. At the first one that fails (SES or DynamoDB unavailable, a
 * claim still being sent by someone else) the handler stops and reports that record's sequence
 * number: Lambda (with ReportBatchItemFailures) checkpoints before it and redelivers from it, so
 * nothing after it is lost and nothing before it is redone. A record that can never be decoded (not
 * from the counters table, wrong stream view type) is logged and skipped, so it cannot block the
 * shard; it is a deployment error, counted in `StreamRecordsSkipped` for an alarm.
 *
 * A record is never retried for a claim that is merely unsent ('pending'): after every batch, and on
 * an event without `Records` (an EventBridge schedule, so recovery does not wait for a visit), the
 * handler runs the recovery sweep, which resends stale unsent claims. So a failed send needs no
 * stream retry to be repaired, and a `MaximumRetryAttempts` that discards a record cannot lose a
 * mail whose claim was written. A failing sweep is logged and counted (`MilestoneSweepErrors`) and
 * never fails the batch: the records themselves were handled.
 */
export function createMilestoneHandler(
  deps: MilestoneHandlerDeps,
  options: MilestoneHandlerOptions,
): (event: DynamoDBStreamEvent | MilestoneSweepEvent, context: Context) => Promise<DynamoDBBatchResponse> {
  const { logger, metrics } = deps;

  return inInvocation(async (event) => {
    if (!('Records' in event) || !Array.isArray(event.Records)) {
      await sweep();
      return { batchItemFailures: [] };
    }
    const response = await handleRecords(event.Records);
    await sweep();
    return response;
  });

  async function sweep(): Promise<void> {
    try {
      const report = await deps.resumeUnsentMilestones(options.mail, options.thresholds);
      if (report.resent.length) metrics.record('MilestoneMailsSent', report.resent.length, 'Count');
      if (report.failed.length) metrics.record('MilestoneSweepErrors', report.failed.length, 'Count');
      if (report.resent.length || report.failed.length) logger.info('milestone sweep', { ...report });
    } catch (error) {
      metrics.record('MilestoneSweepErrors', 1, 'Count');
      logger.warn('milestone sweep failed; the next batch or schedule sweeps again', { error });
    }
  }

  async function handleRecords(records: DynamoDBRecord[]): Promise<DynamoDBBatchResponse> {
    let milestones = 0;
    for (const record of records) {
      const change = decode(record);
      if (change === undefined) continue;
      for (const crossing of crossingsFromImages(change.totalBefore, change.totalAfter, options.thresholds)) {
        milestones += 1;
        try {
          const outcome = await deps.notifyMilestone(crossing, options.mail);
          if (outcome === 'sent') metrics.record('MilestoneMailsSent', 1, 'Count');
          logger.info('milestone handled', { threshold: crossing.threshold, totalAfter: crossing.totalAfter, outcome, sequenceNumber: change.sequenceNumber });
        } catch (error) {
          metrics.record('MilestoneErrors', 1, 'Count');
          logger.warn('milestone not handled yet; the stream redelivers from this record', {
            threshold: crossing.threshold,
            sequenceNumber: change.sequenceNumber,
            error,
          });
          return { batchItemFailures: [{ itemIdentifier: change.sequenceNumber }] };
        }
      }
    }
    logger.debug('stream batch done', { records: records.length, milestones });
    return { batchItemFailures: [] };
  }

  function decode(record: DynamoDBRecord): SiteTotalChange | undefined {
    try {
      // Lambda's stream record and the adapters' decoder describe the same JSON.
      return decodeCounterStreamRecord(record as CounterStreamRecord);
    } catch (error) {
      if (!WordFreqError.hasCode(error, 'BAD_MESSAGE')) throw error;
      metrics.record('StreamRecordsSkipped', 1, 'Count');
      logger.error('stream record skipped: it cannot be read as a counters-table change', {
        eventID: record.eventID,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        error,
      });
      return undefined;
    }
  }
}
