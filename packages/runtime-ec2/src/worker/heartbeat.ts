import { sqsLimits, WordFreqError, type Clock, type Delivery, type JobQueue, type Logger } from '@wordfreq/core';
import { describeError } from '@wordfreq/observability';

export interface Heartbeat {
  /**
   * Stops extending and resolves once no extend call is in flight any more. Callers await it before
   * releasing or acking: a late extend after a release would hide the message again.
   */
  stop(): Promise<void>;
  /** How many extensions succeeded. */
  readonly beats: number;
}

export interface HeartbeatOptions {
  readonly visibilitySeconds: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** When the message was received (default: now); SQS's 12-hour visibility cap counts from it. */
  readonly receivedAt?: Date;
}

/**
 * Keeps `delivery` invisible while its job runs: every half visibility timeout it extends the
 * visibility by a full timeout, so a slow job (large file, the course's artificial delay) is never
 * handed to a second worker. It never asks for visibility past 12 hours after the receive (SQS
 * rejects that): the last extension reaches the cap exactly, then the heartbeat stops with one log
 * line and the message becomes visible at the cap (the job's time limit normally ends it long before). A failed extend is logged and retried after a quarter interval (or, when the
 * message is no longer in flight under this receive, given up); the job goes on either way, because
 * at worst the message is redelivered and the result write is idempotent.
 */
export function startHeartbeat(
  queue: JobQueue,
  delivery: Delivery,
  options: HeartbeatOptions,
): Heartbeat {
  const { visibilitySeconds, clock, logger } = options;
  const capMs = (options.receivedAt ?? clock.now()).getTime() + sqsLimits.maxVisibilitySeconds * 1000;
  const stopped = new AbortController();
  const intervalMs = (visibilitySeconds * 1000) / 2;
  let beats = 0;

  // After a failed extend, try again soon: waiting a whole interval would land on the expiry itself.
  const retryMs = intervalMs / 4;
  let waitMs = intervalMs;

  const loop = (async () => {
    while (!stopped.signal.aborted) {
      try {
        await clock.sleep(waitMs, stopped.signal);
      } catch {
        return; // stopped while waiting
      }
      if (stopped.signal.aborted) return;
      // Whole seconds left before the cap, rounded down so the request never passes it.
      const seconds = Math.min(visibilitySeconds, Math.floor((capMs - clock.now().getTime()) / 1000));
      if (seconds <= 0) {
        logger.warn('visibility cap reached: SQS keeps a message invisible at most 12 hours after its receive; no more heartbeats, the message becomes visible again', {
          messageId: delivery.id,
          receivedAt: new Date(capMs - sqsLimits.maxVisibilitySeconds * 1000).toISOString(),
        });
        return;
      }
      try {
        await queue.extend(delivery, seconds);
        beats += 1;
        waitMs = intervalMs;
        logger.debug('visibility extended', { messageId: delivery.id, seconds });
      } catch (error) {
        if (WordFreqError.hasCode(error, 'CONFLICT')) {
          // The message is no longer ours (its visibility ran out and someone else received it):
          // further beats cannot succeed. The job still finishes; its result write is idempotent.
          logger.warn('message visibility lost; another worker may run this job too', { messageId: delivery.id });
          return;
        }
        logger.warn('could not extend message visibility', { messageId: delivery.id, error: describeError(error) });
        waitMs = retryMs;
      }
    }
  })();

  return {
    stop: async () => {
      stopped.abort();
      await loop;
    },
    get beats() {
      return beats;
    },
  };
}
