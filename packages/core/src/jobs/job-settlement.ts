import type { Metrics, MetricUnit } from '../ports/metrics.port.js';
import type { MessageOutcome } from './handle-job-message.js';
import type { ProcessedJob } from './process-job.js';

/**
 * The metrics every job runtime emits (CloudWatch namespace WordFreq), named once so that the EC2
 * worker and the Lambda function feed the same dashboards, alarms and scaling metric math.
 */
export const JobMetricNames = {
  /** A job counted and its result saved and published. */
  JobsSucceeded: 'JobsSucceeded',
  /** A job ended in a permanent failure (NOT_FOUND, NOT_TEXT, TOO_LARGE): a failed result, acknowledged. */
  JobsFailed: 'JobsFailed',
  /** Milliseconds of one job, succeeded or failed. */
  JobDuration: 'JobDuration',
  /** A message left for redelivery after a transient failure. */
  JobErrors: 'JobErrors',
  /** A message handed back at once, unfinished (shutdown, the invocation's deadline). */
  JobsReleased: 'JobsReleased',
  /** A message moved to the dead-letter queue with its reason (unreadable, forbidden, out of receives). */
  MessagesDeadLettered: 'MessagesDeadLettered',
  /** A job whose result was older than the table's row (a newer version finished first): acked, not stored. */
  JobsSuperseded: 'JobsSuperseded',
  /** A message of several records, sent back to the jobs queue as one message per job. */
  MessagesFannedOut: 'MessagesFannedOut',
} as const;

export type JobMetricName = (typeof JobMetricNames)[keyof typeof JobMetricNames];

export interface JobMetricPoint {
  readonly name: JobMetricName;
  readonly value: number;
  readonly unit: MetricUnit;
}

interface Metered {
  /** One pair per job result (saved and published whatever becomes of the message): record at once. */
  readonly resultMetrics: readonly JobMetricPoint[];
  /**
   * The message's fate: record it once `action` has been applied. When applying fails, the message
   * comes back after its visibility timeout and is settled again then, so it is not recorded.
   */
  readonly actionMetric?: JobMetricPoint;
}

/** What the runtime does with a delivery's message, and the metrics that go with it. */
export type JobSettlement = Metered &
  (
    | { readonly action: 'ack'; readonly kind: 'succeeded' | 'failed' | 'ignored' | 'fanned-out' } // delete it: done
    | { readonly action: 'dead-letter'; readonly kind: 'dead-lettered'; readonly reason: string }
    | { readonly action: 'release'; readonly kind: 'released' } // visible again now, for another worker
    | { readonly action: 'leave'; readonly kind: 'retry' } // redelivered after the visibility timeout
  );

export type JobSettlementKind = JobSettlement['kind'];

const count = (name: JobMetricName): JobMetricPoint => ({ name, value: 1, unit: 'Count' });

function resultMetrics(results: readonly ProcessedJob[]): JobMetricPoint[] {
  return results.flatMap((result) => [
    count(result.superseded ? JobMetricNames.JobsSuperseded : result.status === 'failed' ? JobMetricNames.JobsFailed : JobMetricNames.JobsSucceeded),
    { name: JobMetricNames.JobDuration, value: result.durationMs, unit: 'Milliseconds' },
  ]);
}

/**
 * The one rule from a message's outcome to its queue action, for every runtime:
 * - ack: delete the message. Its kind says whether every job succeeded, some failed permanently
 *   (their failed results are the answer, never retried), it held no jobs (s3:TestEvent) or its jobs
 *   were fanned out as messages of their own (settled each on its own later);
 * - dead-letter: an unreadable message goes to the dead-letter queue with its reason;
 * - retry, while the runtime is still waiting for the job: leave the message, the queue redelivers it
 *   after its visibility timeout (and its redrive dead-letters it after maxReceiveCount);
 * - retry of a job the runtime aborted (`aborted`: shutdown, the invocation's deadline): release it,
 *   visible again at once, since the failure was ours and not the job's.
 * The results a retried message already saved are counted too: they were saved and published.
 */
export function settleJob(outcome: MessageOutcome, context: { readonly aborted: boolean }): JobSettlement {
  switch (outcome.action) {
    case 'ack': {
      if (outcome.fannedOut) return { action: 'ack', kind: 'fanned-out', resultMetrics: [], actionMetric: count(JobMetricNames.MessagesFannedOut) };
      const kind = outcome.results.length === 0 ? 'ignored' : outcome.results.some((r) => r.status === 'failed') ? 'failed' : 'succeeded';
      return { action: 'ack', kind, resultMetrics: resultMetrics(outcome.results) };
    }
    case 'dead-letter':
      return { action: 'dead-letter', kind: 'dead-lettered', reason: outcome.reason, resultMetrics: resultMetrics(outcome.results ?? []), actionMetric: count(JobMetricNames.MessagesDeadLettered) };
    case 'retry':
      return context.aborted
        ? { action: 'release', kind: 'released', resultMetrics: resultMetrics(outcome.results), actionMetric: count(JobMetricNames.JobsReleased) }
        : { action: 'leave', kind: 'retry', resultMetrics: resultMetrics(outcome.results), actionMetric: count(JobMetricNames.JobErrors) };
  }
}

/** The settlement of a delivery handed back without an outcome: not started, or given up on. */
export function settleUnfinished(): JobSettlement {
  return { action: 'release', kind: 'released', resultMetrics: [], actionMetric: count(JobMetricNames.JobsReleased) };
}

/** Records metric points, in order. */
export function recordJobMetrics(metrics: Metrics, points: readonly (JobMetricPoint | undefined)[]): void {
  for (const point of points) if (point) metrics.record(point.name, point.value, point.unit);
}
