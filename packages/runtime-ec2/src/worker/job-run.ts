import { recordJobMetrics, settleJob, settleUnfinished, type Clock, type Delivery, type JobQueue, type JobResult, type JobSettlement, type Logger, type MessageOutcome, type Metrics } from '@wordfreq/core';
import { describeError } from '@wordfreq/observability';
import { startHeartbeat, type Heartbeat } from './heartbeat.js';
import type { JobHandler } from './job-handler.js';

/** What finally happened to a delivery's message. */
export type JobEnd =
  | 'acked' // done (results saved, or nothing to do): deleted from the queue
  | 'dead-lettered' // unreadable: moved to the dead-letter queue with its reason
  | 'left' // not acknowledged: the queue redelivers it after the visibility timeout
  | 'released'; // handed back at once (shutdown): visible to other workers now

/** How a delivery ends when its settlement's queue action worked (when it failed, it is `left`). */
const expectedEnd: Readonly<Record<JobSettlement['action'], JobEnd>> = { ack: 'acked', 'dead-letter': 'dead-lettered', release: 'released', leave: 'left' };

export interface JobRunDeps {
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly handle: JobHandler;
  /** Acks the message (default `queue.ack`; the pipelined worker's batches DeleteMessageBatch). */
  readonly ack?: (delivery: Delivery) => Promise<void>;
}

/**
 * One delivery being worked on: heartbeat while the handler runs, then the outcome settled by the
 * core's rule (`settleJob`: the queue action and its metrics), applied, and one log line per file. `cancel` and `abandon` serve the shutdown path.
 */
export class JobRun {
  readonly done: Promise<JobEnd>;
  private readonly controller = new AbortController();
  private readonly heartbeat: Heartbeat;
  private readonly startedMs: number;
  private abandonedEarly = false;
  private settled = false;

  constructor(
    readonly delivery: Delivery,
    private readonly deps: JobRunDeps,
    private readonly visibilitySeconds: number,
  ) {
    this.startedMs = deps.clock.now().getTime();
    deps.logger.debug('job started', { messageId: delivery.id, receiveCount: delivery.receiveCount });
    this.heartbeat = startHeartbeat(deps.queue, delivery, { visibilitySeconds, clock: deps.clock, logger: deps.logger });
    this.done = this.run().finally(() => {
      this.settled = true;
    });
  }

  /** True once `abandon` gave up on this run (its message was released). */
  get abandoned(): boolean {
    return this.abandonedEarly;
  }

  /** Asks the handler to stop; when it returns without finishing, the message is released, not left. */
  cancel(reason = 'worker is shutting down'): void {
    if (!this.controller.signal.aborted) this.controller.abort(new Error(reason));
  }

  /**
   * Gives up without waiting for the handler (it may ignore the abort): stops the heartbeat and
   * releases the message now. Whatever the handler returns later is dropped; if it did save a result,
   * the redelivery saves the same row again and publishes the same `resultId`, so nothing doubles.
   */
  async abandon(): Promise<void> {
    if (this.settled || this.abandonedEarly) return;
    this.abandonedEarly = true;
    this.cancel();
    await this.heartbeat.stop();
    if ((await this.release()) === 'released') recordJobMetrics(this.deps.metrics, [settleUnfinished().actionMetric]);
  }

  private async run(): Promise<JobEnd> {
    let outcome: MessageOutcome;
    try {
      outcome = await this.deps.handle(this.delivery, this.controller.signal);
    } catch (error) {
      // The use case reports failures as outcomes; a throw is a bug or an adapter fault, and the safe
      // reaction to both is to let the queue deliver the message again.
      outcome = { action: 'retry', error, results: [] };
    }
    await this.heartbeat.stop();
    if (this.abandonedEarly) return 'released';
    const settlement = settleJob(outcome, { aborted: this.controller.signal.aborted });
    recordJobMetrics(this.deps.metrics, settlement.resultMetrics);
    const end = await this.apply(settlement);
    if (end === expectedEnd[settlement.action]) recordJobMetrics(this.deps.metrics, [settlement.actionMetric]);
    this.report(outcome, end);
    return end;
  }

  private async apply(settlement: JobSettlement): Promise<JobEnd> {
    const { queue, logger } = this.deps;
    try {
      switch (settlement.action) {
        case 'ack':
          await (this.deps.ack ? this.deps.ack(this.delivery) : queue.ack(this.delivery));
          return 'acked';
        case 'dead-letter':
          await queue.deadLetter(this.delivery, settlement.reason);
          return 'dead-lettered';
        case 'release':
          return await this.release();
        case 'leave':
          return 'left';
      }
    } catch (error) {
      // Ack or dead-letter failed (throttled, network): the message comes back after the visibility
      // timeout and is handled again, which the idempotent result store makes harmless.
      logger.error('could not apply the job outcome; the message will be redelivered', {
        messageId: this.delivery.id,
        action: settlement.action,
        error: describeError(error),
      });
      return 'left';
    }
  }

  private async release(): Promise<'released' | 'left'> {
    try {
      await this.deps.queue.release(this.delivery);
      return 'released';
    } catch (error) {
      this.deps.logger.warn('could not release the message; it comes back after its visibility timeout', {
        messageId: this.delivery.id,
        error: describeError(error),
      });
      return 'left';
    }
  }

  private report(outcome: MessageOutcome, end: JobEnd): void {
    const { logger, clock } = this.deps;
    const base = { messageId: this.delivery.id, receiveCount: this.delivery.receiveCount, end };
    const messageMs = clock.now().getTime() - this.startedMs;
    const results: readonly JobResult[] = outcome.action === 'dead-letter' ? [] : outcome.results;
    for (const result of results) {
      const failed = result.status === 'failed';
      (failed ? logger.warn : logger.info).call(logger, 'job finished', {
        ...base,
        resultId: result.resultId,
        file: result.filename,
        outcome: result.status,
        ...(result.error ? { code: result.error.code, reason: result.error.message } : {}),
        bytes: result.bytes,
        totalWords: result.totalWords,
        durationMs: result.durationMs,
      });
    }
    if (outcome.action === 'dead-letter') {
      logger.error('job finished', { ...base, outcome: 'dead-letter', reason: outcome.reason, durationMs: messageMs });
    } else if (outcome.action === 'retry') {
      logger.warn('job finished', { ...base, outcome: 'retry', error: describeError(outcome.error), durationMs: messageMs });
    } else if (results.length === 0) {
      logger.info('job finished', { ...base, outcome: 'ignored', reason: 'the message carries no jobs (e.g. s3:TestEvent)', durationMs: messageMs });
    }
  }
}
