import type { Clock, Delivery, JobQueue, Logger } from '@wordfreq/core';
import { describeError } from '../logging/json-logger.js';

export interface Heartbeat {
  /**
   * Stops extending and resolves once no extend call is in flight any more. Callers await it before
   * releasing or acking: a late extend after a release would hide the message again.
   */
  stop(): Promise<void>;
  /** How many extensions succeeded. */
  readonly beats: number;
}

/**
 * Keeps `delivery` invisible while its job runs: every half visibility timeout it extends the
 * visibility by a full timeout, so a slow job (large file, the course's artificial delay) is never
 * handed to a second worker. A failed extend is logged and retried at the next beat; the job goes on,
 * because at worst the message is redelivered and the result write is idempotent.
 */
export function startHeartbeat(
  queue: JobQueue,
  delivery: Delivery,
  options: { readonly visibilitySeconds: number; readonly clock: Clock; readonly logger: Logger },
): Heartbeat {
  const { visibilitySeconds, clock, logger } = options;
  const stopped = new AbortController();
  const intervalMs = (visibilitySeconds * 1000) / 2;
  let beats = 0;

  const loop = (async () => {
    while (!stopped.signal.aborted) {
      try {
        await clock.sleep(intervalMs, stopped.signal);
      } catch {
        return; // stopped while waiting
      }
      if (stopped.signal.aborted) return;
      try {
        await queue.extend(delivery, visibilitySeconds);
        beats += 1;
        logger.debug('visibility extended', { messageId: delivery.id, seconds: visibilitySeconds });
      } catch (error) {
        logger.warn('could not extend message visibility', { messageId: delivery.id, error: describeError(error) });
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
