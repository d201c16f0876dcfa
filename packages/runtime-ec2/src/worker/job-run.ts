import { recordJobMetrics, settleJob, settleUnfinished, type Clock, type Delivery, type JobQueue, type JobResult, type JobSettlement, type Logger, type MessageOutcome, type Metrics } from '@wordfreq/core';
import { describeError } from '@wordfreq/observability';
import { raceClock } from './clock-race.js';
import { startHeartbeat, type Heartbeat } from './heartbeat.js';
import type { JobHandler } from './job-handler.js';

/** What finally happened to a delivery's message. */
export type JobEnd =
  | 'acked' // done (results saved, or nothing to do): deleted from the queue
  | 'dead-lettered' // unreadable: moved to the dead-letter queue with its reason
  | 'left' // not acknowledged: the queue redelivers it after the visibility timeout
  | 'released'; // handed back at once (shutdown): visible to other workers now

/** The worker's own metric (not a settlement's): jobs aborted at their time limit, released or dead-lettered. */
export const jobsTimedOutMetric = 'JobsTimedOut';

/** How a delivery ends when its settlement's queue action worked (when it failed, it is `left`). */
const expectedEnd: Readonly<Record<JobSettlement['action'], JobEnd>> = { ack: 'acked', 'dead-letter': 'dead-lettered', release: 'released', leave: 'left' };

export interface JobRunOptions {
  readonly visibilitySeconds: number;
  /**
   * Per-job time limit. A job still running after it is aborted (its signal reaches the S3 GET, so a
   * stalled download stops) and its message released; a job that ignores the abort for `cancelWaitMs`
   * is given up on: the message is released without it and the run ends, freeing its slot, while
   * the handler stays `stuck` until it settles. Default: none.
   */
  readonly timeLimitMs?: number;
  /** How long an aborted job gets to return before it is given up on. Default 2 s. */
  readonly cancelWaitMs?: number;
  /**
   * The jobs queue's maxReceiveCount. A job over its time limit on that receive is dead-lettered
   * with the reason instead of released, so the redrive never moves it without one.
   */
  readonly maxReceives?: number;
  /** When the message was received (default now): the heartbeat's 12-hour cap counts from it. */
  readonly receivedAt?: Date;
}

/** A run given up on after its time limit whose handler has not returned yet (for /health). */
export interface StuckJob {
  readonly messageId: string;
  readonly receiveCount: number;
  readonly startedAt: string;
  /** When the time limit ran out. */
  readonly limitReachedAt: string;
}

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
  /** Settles when the handler returned or threw, even after the run gave up on it. */
  readonly handlerDone: Promise<void>;
  private readonly controller = new AbortController();
  /** Ends the time limit's waits when the shutdown abandons the run: no timer outlives it. */
  private readonly abandoning = new AbortController();
  private readonly heartbeat: Heartbeat;
  private readonly startedMs: number;
  private abandonedEarly = false;
  private settled = false;
  private handlerSettled = false;
  private limitReachedMs: number | undefined;
  private gaveUp = false;

  constructor(
    readonly delivery: Delivery,
    private readonly deps: JobRunDeps,
    private readonly options: JobRunOptions,
  ) {
    this.startedMs = deps.clock.now().getTime();
    deps.logger.debug('job started', { messageId: delivery.id, receiveCount: delivery.receiveCount });
    this.heartbeat = startHeartbeat(deps.queue, delivery, {
      visibilitySeconds: options.visibilitySeconds,
      clock: deps.clock,
      logger: deps.logger,
      ...(options.receivedAt ? { receivedAt: options.receivedAt } : {}),
    });
    const handled = this.handle();
    this.handlerDone = handled.then(() => {
      this.handlerSettled = true;
    });
    this.done = this.run(handled).finally(() => {
      this.settled = true;
    });
  }

  /** Set once the run gave up on a handler over its time limit that has not returned since. */
  get stuck(): StuckJob | undefined {
    if (!this.gaveUp || this.handlerSettled || this.limitReachedMs === undefined) return undefined;
    return {
      messageId: this.delivery.id,
      receiveCount: this.delivery.receiveCount,
      startedAt: new Date(this.startedMs).toISOString(),
      limitReachedAt: new Date(this.limitReachedMs).toISOString(),
    };
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
    this.abandoning.abort();
    this.cancel();
    await this.heartbeat.stop();
    if ((await this.release()) === 'released') recordJobMetrics(this.deps.metrics, [settleUnfinished().actionMetric]);
  }

  /** The handler's outcome; a throw becomes a retry. Never rejects. */
  private async handle(): Promise<MessageOutcome> {
    try {
      return await this.deps.handle(this.delivery, this.controller.signal);
    } catch (error) {
      // The use case reports failures as outcomes; a throw is a bug or an adapter fault, and the safe
      // reaction to both is to let the queue deliver the message again.
      return { action: 'retry', error, results: [] };
    }
  }

  private async run(handled: Promise<MessageOutcome>): Promise<JobEnd> {
    const outcome = await this.withinTimeLimit(handled);
    await this.heartbeat.stop();
    if (this.abandonedEarly) return 'released';
    if (outcome === undefined) return this.giveUp();
    const settlement = this.overTimeLimit(outcome) ?? settleJob(outcome, { aborted: this.controller.signal.aborted });
    recordJobMetrics(this.deps.metrics, settlement.resultMetrics);
    const end = await this.apply(settlement);
    this.report(outcome, end);
    return end;
  }

  /**
   * The handler's outcome, or undefined when it ran past the time limit and then ignored the abort
   * for `cancelWaitMs`. Both waits run on the injected clock.
   */
  private async withinTimeLimit(handled: Promise<MessageOutcome>): Promise<MessageOutcome | undefined> {
    const { timeLimitMs } = this.options;
    if (timeLimitMs === undefined) return handled;
    const first = await this.race(handled, timeLimitMs);
    if (first !== undefined || this.abandonedEarly) return first;
    this.limitReachedMs = this.deps.clock.now().getTime();
    this.deps.metrics.record(jobsTimedOutMetric, 1, 'Count');
    this.deps.logger.warn('job ran past its time limit; aborting it', { messageId: this.delivery.id, receiveCount: this.delivery.receiveCount, timeLimitMs });
    this.cancel(`job time limit of ${timeLimitMs / 1000} s is over`);
    return this.race(handled, this.options.cancelWaitMs ?? 2000);
  }

  /** `work`'s value, or undefined once `ms` passed on the clock first (or the run was abandoned). */
  private race<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
    return raceClock(this.deps.clock, work, ms, undefined, this.abandoning.signal);
  }

  /**
   * An aborted job over its time limit on the last receive the redrive allows: dead-lettered with the
   * reason (the redrive would move it without one). On earlier receives the usual rule releases it.
   */
  private overTimeLimit(outcome: MessageOutcome): JobSettlement | undefined {
    if (this.limitReachedMs === undefined || outcome.action !== 'retry') return undefined;
    const reason = this.lastReceiveReason();
    if (reason === undefined) return undefined;
    return settleJob({ action: 'dead-letter', reason, results: outcome.results }, { aborted: true });
  }

  private lastReceiveReason(): string | undefined {
    const { maxReceives, timeLimitMs } = this.options;
    if (maxReceives === undefined || this.delivery.receiveCount < maxReceives) return undefined;
    return `TIME_LIMIT: the job ran past its time limit of ${(timeLimitMs ?? 0) / 1000} s on receive ${this.delivery.receiveCount} of ${maxReceives}, the last before the redrive`;
  }

  /**
   * The handler ignored the abort: hand the message back without it (dead-letter it on its last
   * receive) so another worker can try, and end the run so the slot takes the next job. Whatever
   * the handler returns later is dropped; a result it saved is saved again, with the same resultId,
   * by the retry.
   */
  private async giveUp(): Promise<JobEnd> {
    this.gaveUp = true;
    const reason = this.lastReceiveReason();
    const settlement = reason === undefined ? settleUnfinished() : settleJob({ action: 'dead-letter', reason }, { aborted: true });
    const end = await this.apply(settlement);
    this.deps.logger.error('job finished', {
      messageId: this.delivery.id,
      receiveCount: this.delivery.receiveCount,
      end,
      outcome: 'timed-out',
      reason: 'the job ignored its abort after its time limit; its slot is freed, the job stays stuck until it returns',
      timeLimitMs: this.options.timeLimitMs,
      durationMs: this.deps.clock.now().getTime() - this.startedMs,
    });
    return end;
  }

  /** Performs the settlement's queue action, counting its action metric when the action worked. */
  private async apply(settlement: JobSettlement): Promise<JobEnd> {
    const end = await this.perform(settlement);
    if (end === expectedEnd[settlement.action]) recordJobMetrics(this.deps.metrics, [settlement.actionMetric]);
    return end;
  }

  private async perform(settlement: JobSettlement): Promise<JobEnd> {
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
    const base = { messageId: this.delivery.id, receiveCount: this.delivery.receiveCount, end, ...(this.limitReachedMs === undefined ? {} : { timedOut: true }) };
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
