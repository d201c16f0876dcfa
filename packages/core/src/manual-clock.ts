import type { Clock } from './ports/clock.port.js';

interface Sleeper {
  readonly due: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export interface ManualClockOptions {
  /**
   * What `sleep` does. `'wait'` (the default): the sleeper waits until `advance` carries the time to
   * its deadline, for tests where something else (the test, another actor) moves time. `'advance'`:
   * the clock jumps to the deadline at once and the sleep resolves, for code that sleeps on its own
   * (a job's artificial delay) with nobody else to move time.
   */
  readonly onSleep?: 'wait' | 'advance';
}

/**
 * A clock that only moves when a test says so (or, with `onSleep: 'advance'`, when something sleeps),
 * so visibility timeouts, long polls and delays can be tested without real waiting. Pure: no timers.
 * Lives in core, beside `systemClock`, so core's own tests and the memory adapters (which re-export
 * it) share this one.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #sleepers = new Set<Sleeper>();
  readonly #onSleep: 'wait' | 'advance';
  readonly #sleeps: number[] = [];

  constructor(start: Date | number = Date.UTC(2024, 0, 1), options: ManualClockOptions = {}) {
    this.#now = typeof start === 'number' ? start : start.getTime();
    this.#onSleep = options.onSleep ?? 'wait';
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** How many `sleep` calls are waiting for time to move (lets a test know a long poll is parked). */
  get pendingSleeps(): number {
    return this.#sleepers.size;
  }

  /** The duration of every `sleep` asked for that was not aborted at the start, in order. */
  get sleeps(): readonly number[] {
    return this.#sleeps;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.#sleeps.push(ms);
    if (!(ms > 0)) return Promise.resolve();
    // An endless sleep cannot be jumped to; it waits like any other (until aborted).
    if (this.#onSleep === 'advance' && Number.isFinite(ms)) {
      this.advance(ms);
      return Promise.resolve();
    }
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
