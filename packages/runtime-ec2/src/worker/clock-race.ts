import type { Clock } from '@wordfreq/core';

/**
 * `work`'s value, or `timedOut` once `ms` have passed on `clock` first or `signal` aborted. The
 * sleep is cancelled when the race ends, so no timer outlives it.
 */
export async function raceClock<T, U>(clock: Clock, work: Promise<T>, ms: number, timedOut: U, signal?: AbortSignal): Promise<T | U> {
  const timer = new AbortController();
  const stop = signal === undefined ? timer.signal : AbortSignal.any([timer.signal, signal]);
  try {
    return await Promise.race([work, clock.sleep(ms, stop).then(() => timedOut, () => timedOut)]);
  } finally {
    timer.abort();
  }
}
