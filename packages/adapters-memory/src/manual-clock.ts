import type { Clock } from '@wordfreq/core';

interface Sleeper {
  readonly due: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/**
 * A clock that only moves when a test says so. `sleep` resolves once `advance` has carried the time
 * to (or past) its deadline, so visibility timeouts and long polls can be tested without real waiting.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #sleepers = new Set<Sleeper>();

  constructor(start: Date | number = Date.UTC(2024, 0, 1)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** How many `sleep` calls are waiting for time to move (lets a test know a long poll is parked). */
  get pendingSleeps(): number {
    return this.#sleepers.size;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        due: this.#now + ms,
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#sleepers.delete(sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.add(sleeper);
    });
  }

  /**
   * Moves time forward by `ms`, waking sleepers in deadline order. Their continuations run after this
   * returns (promises), so `await clock.advance(...)` style helpers should also yield to the event loop.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`ManualClock.advance: ms must be a finite number >= 0, got ${ms}`);
    }
    const target = this.#now + ms;
    for (;;) {
      const next = this.#earliestDue(target);
      if (!next) break;
      this.#sleepers.delete(next);
      this.#now = Math.max(this.#now, next.due);
      next.resolve();
    }
    this.#now = target;
  }

  /** Jumps to an absolute time (never backwards: real clocks used by the adapters do not go back). */
  set(to: Date): void {
    const delta = to.getTime() - this.#now;
    if (delta < 0) throw new RangeError(`ManualClock.set: ${to.toISOString()} is before the current time`);
    this.advance(delta);
  }

  #earliestDue(limit: number): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const s of this.#sleepers) {
      if (s.due > limit) continue;
      if (!best || s.due < best.due || (s.due === best.due && s.seq < best.seq)) best = s;
    }
    return best;
  }
}
