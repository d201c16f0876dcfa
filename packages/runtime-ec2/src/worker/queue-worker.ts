import type { Clock, Delivery, JobQueue, Logger, Metrics } from '@wordfreq/core';
import { describeError } from '@wordfreq/observability';
import type { JobHandler } from './job-handler.js';
import { raceClock } from './clock-race.js';
import { JobRun, type JobEnd, type StuckJob } from './job-run.js';

export interface QueueWorkerDeps {
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly handle: JobHandler;
  /** How a finished job's message is acked (default `queue.ack`); the pipelined worker batches them. */
  readonly ack?: (delivery: Delivery) => Promise<void>;
}

export interface QueueWorkerOptions {
  /** Jobs run at once. */
  readonly concurrency: number;
  /**
   * Messages held beyond `concurrency` (default 0): received ahead, waiting for a slot, or a finished
   * job's save, publish and ack still under way. Their handler must bound its own work to
   * `concurrency` (the pipelined worker's job slots); the queue worker only bounds what is held.
   */
  readonly readAhead?: number;
  readonly visibilitySeconds: number;
  /** Long-poll wait of each receive. */
  readonly waitSeconds: number;
  /** After the grace period or a job's time limit, how long cancelled jobs get to return before they are given up on. Default 2 s. */
  readonly cancelWaitMs?: number;
  /** Upper bound on waiting for release calls when giving up on jobs. Default 5 s. */
  readonly releaseWaitMs?: number;
  /**
   * Per-job time limit: a job running longer is aborted and its message released (dead-lettered on
   * its last receive), and its slot takes the next job even if the job never returns. Default none.
   */
  readonly jobTimeLimitMs?: number;
  /** The jobs queue's maxReceiveCount, for the time limit's last-receive rule. Default none. */
  readonly maxReceives?: number;
  /**
   * Receives open at once (default 2, at most the messages that may be held). With one, every
   * receive's round trip is time the read-ahead cannot refill in, and each asks only for the room
   * freed since the last: a second receive keeps messages coming while the first is on the wire.
   * Together they never ask for more than the room left. Only the first polls an empty or failing
   * queue (one long poll, one backoff); the others wait until a receive brings messages again.
   */
  readonly receivers?: number;
}

export type WorkerState = 'created' | 'running' | 'draining' | 'stopped';

export interface WorkerStatus {
  readonly state: WorkerState;
  readonly concurrency: number;
  readonly inFlight: number;
  /** Deliveries taken from the queue since start. */
  readonly received: number;
  /** How the deliveries ended so far. */
  readonly ended: Readonly<Record<JobEnd, number>>;
  readonly lastReceiveAt?: string;
  /** Receives that failed in a row (0 when the last one worked). */
  readonly receiveErrors: number;
  /**
   * Jobs given up on after their time limit whose handler still has not returned: their slots were
   * freed, but each still holds what it holds (memory, a socket). /health fails when there are as
   * many as slots.
   */
  readonly stuck: readonly StuckJob[];
}

export interface ShutdownReport {
  /** Jobs that ran to their outcome during the shutdown. */
  readonly finished: number;
  /** Messages handed back to the queue (visibility 0) for another worker. */
  readonly released: number;
}

// SQS hands out at most 10 messages per receive.
const maxBatch = 10;
/** Receives on the wire at once unless `QueueWorkerOptions.receivers` says otherwise. */
export const defaultReceivers = 2;
const maxBackoffMs = 30_000;
const emptyPollPauseMs = 1000;

/**
 * The worker pool: long-polls the queue for as many messages as it has free slots, runs each as a
 * `JobRun` (heartbeat, handler, outcome), and shuts down gracefully: `drain` stops receiving and gives
 * in-flight jobs a grace period, then releases what is left; `stopNow` releases everything at once.
 * Either way no message is acknowledged without its result and none is lost: a message is always
 * acked, dead-lettered, released, or left to reappear after its visibility timeout.
 */
export class QueueWorker {
  private state: WorkerState = 'created';
  private readonly runs = new Set<JobRun>();
  /** Runs that ended by giving up on a handler over its time limit, until that handler returns. */
  private readonly stuckRuns = new Set<JobRun>();
  private readonly stopReceiving = new AbortController();
  private readonly hardStop = new AbortController();
  /** Receive loops waiting for room. */
  private readonly waitingForRoom = new Set<() => void>();
  /** Messages asked for by the receives on the wire: room they may fill. */
  private asked = 0;
  /** The last receive brought messages: the extra receivers run only then. */
  private flowing = false;
  private loop: Promise<void> = Promise.resolve();
  private shutdown: Promise<ShutdownReport> | undefined;
  private received = 0;
  private receiveErrors = 0;
  private lastReceiveAt: Date | undefined;
  private readonly ended: Record<JobEnd, number> = { acked: 0, 'dead-lettered': 0, left: 0, released: 0 };
  /** Messages this worker released, so one caught again by a last poll and handed back counts once. */
  private readonly releasedIds = new Set<string>();

  constructor(
    private readonly deps: QueueWorkerDeps,
    private readonly options: QueueWorkerOptions,
  ) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(`concurrency must be a whole number >= 1, got ${options.concurrency}`);
    }
    const readAhead = options.readAhead ?? 0;
    if (!Number.isInteger(readAhead) || readAhead < 0) throw new RangeError(`readAhead must be a whole number >= 0, got ${readAhead}`);
    this.maxHeld = options.concurrency + readAhead;
    const receivers = options.receivers ?? defaultReceivers;
    if (!Number.isInteger(receivers) || receivers < 1) throw new RangeError(`receivers must be a whole number >= 1, got ${receivers}`);
    this.receivers = Math.min(receivers, this.maxHeld);
  }

  private readonly receivers: number;

  /** Most messages held at once: the slots and the read-ahead. */
  private readonly maxHeld: number;

  /** Starts polling; returns at once. */
  start(): this {
    if (this.state !== 'created') throw new Error(`the worker was already started (state ${this.state})`);
    this.state = 'running';
    this.deps.logger.info('worker started', {
      concurrency: this.options.concurrency,
      visibilitySeconds: this.options.visibilitySeconds,
      waitSeconds: this.options.waitSeconds,
    });
    this.loop = Promise.all(Array.from({ length: this.receivers }, (_, index) => this.pollLoop(index))).then(() => undefined);
    return this;
  }

  status(): WorkerStatus {
    return {
      state: this.state,
      concurrency: this.options.concurrency,
      inFlight: this.runs.size,
      received: this.received,
      ended: { ...this.ended },
      ...(this.lastReceiveAt ? { lastReceiveAt: this.lastReceiveAt.toISOString() } : {}),
      receiveErrors: this.receiveErrors,
      stuck: [...this.stuckRuns].flatMap((run) => run.stuck ?? []),
    };
  }

  /**
   * Graceful stop (first SIGTERM): no new receives; in-flight jobs get `graceMs` to finish, then are
   * cancelled and their messages released. Calling it again returns the same shutdown.
   */
  drain(graceMs: number): Promise<ShutdownReport> {
    this.shutdown ??= this.runShutdown(graceMs);
    return this.shutdown;
  }

  /** Immediate stop (second signal): releases every in-flight message now; a drain in progress ends with it. */
  stopNow(): Promise<ShutdownReport> {
    this.hardStop.abort();
    return this.drain(0);
  }

  private async pollLoop(index: number): Promise<void> {
    const { queue, clock, logger, metrics } = this.deps;
    while (this.state === 'running') {
      const max = await this.reserveRoom(index);
      if (this.state !== 'running') {
        this.asked -= max;
        break;
      }
      let deliveries: Delivery[];
      try {
        deliveries = await queue.receive({ max, waitSeconds: this.options.waitSeconds, visibilitySeconds: this.options.visibilitySeconds });
        this.receiveErrors = 0;
        this.lastReceiveAt = clock.now();
      } catch (error) {
        this.asked -= max;
        this.flowing = false;
        this.wake();
        this.receiveErrors += 1;
        const backoffMs = Math.min(maxBackoffMs, 1000 * 2 ** (this.receiveErrors - 1));
        logger.warn('could not receive from the jobs queue; retrying', { attempt: this.receiveErrors, backoffMs, error: describeError(error) });
        metrics.record('ReceiveErrors', 1, 'Count');
        await clock.sleep(backoffMs, this.stopReceiving.signal).catch(() => undefined);
        continue;
      }
      this.asked -= max;
      if (this.state !== 'running') {
        // A shutdown began while this long poll was open: these never started, so hand them straight back.
        await this.releaseUnstarted(deliveries);
        break;
      }
      for (const delivery of deliveries) this.begin(delivery);
      this.flowing = deliveries.length > 0;
      // Room this receive asked for and did not fill is free again for the other receives.
      this.wake();
      if (deliveries.length === 0 && this.options.waitSeconds === 0) {
        // Short polling: an empty answer comes back at once, so pause instead of spinning (an
        // in-process queue would otherwise never let the event loop breathe).
        await clock.sleep(emptyPollPauseMs, this.stopReceiving.signal).catch(() => undefined);
      }
    }
  }

  private begin(delivery: Delivery): void {
    this.received += 1;
    const { visibilitySeconds, jobTimeLimitMs, cancelWaitMs, maxReceives } = this.options;
    const run = new JobRun(delivery, this.deps, {
      visibilitySeconds,
      ...(jobTimeLimitMs === undefined ? {} : { timeLimitMs: jobTimeLimitMs }),
      ...(cancelWaitMs === undefined ? {} : { cancelWaitMs }),
      ...(maxReceives === undefined ? {} : { maxReceives }),
    });
    this.runs.add(run);
    run.done
      .catch(() => 'left' as const)
      .then((end) => {
        // An abandoned run was already counted as released when the shutdown gave up on it.
        if (!run.abandoned) this.ended[end] += 1;
        if (end === 'released') this.releasedIds.add(run.delivery.id);
        this.runs.delete(run);
        // A run that gave up on a hung handler frees its slot now; the handler is watched until it returns.
        if (run.stuck) {
          this.stuckRuns.add(run);
          void run.handlerDone.then(() => {
            this.stuckRuns.delete(run);
            this.deps.logger.info('a job given up on after its time limit returned at last', { messageId: run.delivery.id });
          });
        }
        this.wake();
      });
  }

  /**
   * Waits until receive loop `index` may ask for messages (the slots and the read-ahead have room
   * no open receive has asked for, and for an extra loop the queue is delivering) or a shutdown
   * began, and reserves that room: how many the receive may ask for. The check and the reservation
   * run in one turn, so two loops woken together never ask for the same room.
   */
  private async reserveRoom(index: number): Promise<number> {
    while ((this.runs.size + this.asked >= this.maxHeld || (index > 0 && !this.flowing)) && this.state === 'running') {
      await new Promise<void>((resolve) => this.waitingForRoom.add(resolve));
    }
    const max = Math.max(0, Math.min(maxBatch, this.maxHeld - this.runs.size - this.asked));
    this.asked += max;
    return max;
  }

  private wake(): void {
    const waiting = [...this.waitingForRoom];
    this.waitingForRoom.clear();
    for (const resolve of waiting) resolve();
  }

  private async releaseUnstarted(deliveries: readonly Delivery[]): Promise<void> {
    await Promise.all(
      deliveries.map(async (delivery) => {
        try {
          await this.deps.queue.release(delivery);
          if (!this.releasedIds.has(delivery.id)) this.ended.released += 1;
          this.releasedIds.add(delivery.id);
        } catch (error) {
          this.deps.logger.warn('could not release an unstarted message; it comes back after its visibility timeout', {
            messageId: delivery.id,
            error: describeError(error),
          });
        }
      }),
    );
  }

  private async runShutdown(graceMs: number): Promise<ShutdownReport> {
    const { logger } = this.deps;
    const before = { ...this.ended };
    this.state = 'draining';
    this.stopReceiving.abort();
    this.wake();
    logger.info('draining: no new jobs; waiting for the running ones', { inFlight: this.runs.size, graceMs, immediate: this.hardStop.signal.aborted });

    // Idle means the open long poll has returned (what it brought is released) and every job ended.
    const idle = (async () => {
      await this.loop;
      while (this.runs.size > 0) await Promise.all([...this.runs].map((run) => run.done));
    })();
    if (!(await this.within(idle, graceMs, this.hardStop.signal))) {
      // With a read-ahead the poll loop may still have a long poll open, which would receive the
      // very messages released below (another receive counted toward the dead-letter queue, and
      // hidden again if the process exits first): let it return (one poll at most) before releasing.
      await settledWithin(this.loop, (this.options.waitSeconds + 1) * 1000);
      const left = [...this.runs];
      if (!this.hardStop.signal.aborted) {
        logger.warn('grace period over: cancelling the running jobs', { inFlight: left.length });
        for (const run of left) run.cancel('grace period is over');
        await this.within(Promise.all(left.map((run) => run.done)), this.options.cancelWaitMs ?? 2000, this.hardStop.signal);
      }
      // Whatever still runs ignores cancellation or was cut short by a second signal: hand it back now.
      const stuck = [...this.runs];
      await this.within(Promise.all(stuck.map((run) => run.abandon())), this.options.releaseWaitMs ?? 5000);
      const abandoned = stuck.filter((run) => run.abandoned);
      this.ended.released += abandoned.length;
      for (const run of abandoned) this.releasedIds.add(run.delivery.id);
      for (const run of abandoned) this.runs.delete(run);
    }
    this.state = 'stopped';
    const report = {
      finished: this.ended.acked + this.ended['dead-lettered'] + this.ended.left - before.acked - before['dead-lettered'] - before.left,
      released: this.ended.released - before.released,
    };
    logger.info('worker stopped', { ...report, received: this.received });
    return report;
  }

  /** True when `work` settles within `ms` (measured on the injected clock), false on timeout or abort. */
  private within(work: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<boolean> {
    const settled = work.then(
      () => true,
      () => true,
    );
    return raceClock(this.deps.clock, settled, ms, false, signal);
  }

  /** Resolves when the poll loop has exited (its last long poll returned). For tests and orderly exits. */
  async loopStopped(): Promise<void> {
    await this.loop;
  }
}

/**
 * Waits for `work` at most `ms` of real time. For the open long poll only: its wait runs on the
 * queue's clock (SQS's own), not the worker's injected one, which a test may never move.
 */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
