import type { Clock, Delivery, JobQueue, JobResult, Logger, MessageOutcome, Metrics } from '@wordfreq/core';
import { describeError } from '@wordfreq/observability';
import { startHeartbeat, type Heartbeat } from './heartbeat.js';
import type { JobHandler } from './job-handler.js';

/** What finally happened to a delivery's message. */
export type JobEnd =
  | 'acked' // done (results saved, or nothing to do): deleted from the queue
  | 'dead-lettered' // unreadable: moved to the dead-letter queue with its reason
  | 'left' // not acknowledged: the queue redelivers it after the visibility timeout
  | 'released'; // handed back at once (shutdown): visible to other workers now

export interface JobRunDeps {
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly handle: JobHandler;
}

/**
 * One delivery being worked on: heartbeat while the handler runs, then the outcome applied to the
 * queue, one log line per file and the metrics. `cancel` and `abandon` serve the shutdown path.
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
    await this.release();
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
    const end = await this.apply(outcome);
    this.report(outcome, end);
    return end;
  }

  private async apply(outcome: MessageOutcome): Promise<JobEnd> {
    const { queue, logger } = this.deps;
    try {
      switch (outcome.action) {
        case 'ack':
          await queue.ack(this.delivery);
          return 'acked';
        case 'dead-letter':
          await queue.deadLetter(this.delivery, outcome.reason);
          return 'dead-lettered';
        case 'retry':
          if (this.controller.signal.aborted) return await this.release();
          return 'left';
      }
    } catch (error) {
      // Ack or dead-letter failed (throttled, network): the message comes back after the visibility
      // timeout and is handled again, which the idempotent result store makes harmless.
      logger.error('could not apply the job outcome; the message will be redelivered', {
        messageId: this.delivery.id,
        action: outcome.action,
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
    const { logger, metrics, clock } = this.deps;
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
      metrics.record(failed ? 'JobsFailed' : 'JobsSucceeded', 1, 'Count');
      metrics.record('JobDuration', result.durationMs, 'Milliseconds');
    }
    if (outcome.action === 'dead-letter') {
      logger.error('job finished', { ...base, outcome: 'dead-letter', reason: outcome.reason, durationMs: messageMs });
      metrics.record('MessagesDeadLettered', 1, 'Count');
    } else if (outcome.action === 'retry') {
      logger.warn('job finished', { ...base, outcome: 'retry', error: describeError(outcome.error), durationMs: messageMs });
      metrics.record('JobErrors', 1, 'Count');
    } else if (results.length === 0) {
      logger.info('job finished', { ...base, outcome: 'ignored', reason: 'the message carries no jobs (e.g. s3:TestEvent)', durationMs: messageMs });
    }
  }
}
