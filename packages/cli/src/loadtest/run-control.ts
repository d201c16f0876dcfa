/** The run's clock: seconds since `start()`, on a monotonic timer, with wall-clock times mapped onto it. */
export class Stopwatch {
  private originMs = performance.now();
  private wallOriginMs = Date.now();

  /** Makes now the run's second 0. */
  start(): void {
    this.originMs = performance.now();
    this.wallOriginMs = Date.now();
  }

  seconds(): number {
    return (performance.now() - this.originMs) / 1000;
  }

  /** Run seconds of a wall-clock time (e.g. a timestamp a worker wrote in its result). */
  secondsAt(wallMs: number): number {
    return (wallMs - this.wallOriginMs) / 1000;
  }

  /** Resolves at run second `t` (at once if it has passed). */
  until(t: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, (t - this.seconds()) * 1000)));
  }
}

/**
 * Turns background failures (a worker that died, an upload that failed) and Ctrl-C into a rejection of
 * whatever the run is waiting for, so it stops at once and its cleanup runs.
 */
export class Watchdog {
  private readonly failed: Promise<never>;
  private fail!: (error: unknown) => void;

  constructor(signal?: AbortSignal) {
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    this.failed.catch(() => undefined);
    if (signal?.aborted) this.fail(interrupted());
    signal?.addEventListener('abort', () => this.fail(interrupted()), { once: true });
  }

  /** Fails the run when `work` rejects. */
  watch(work: Promise<unknown>): void {
    work.catch((error: unknown) => this.fail(error));
  }

  /** `work`, unless a watched failure or an interruption comes first. */
  guard<T>(work: Promise<T>): Promise<T> {
    // If the failure wins, `work` may still reject later; that is already accounted for.
    work.catch(() => undefined);
    return Promise.race([work, this.failed]);
  }
}

/** What an interrupted run rejects with. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted; the workers and emulators were stopped');
    this.name = 'InterruptedError';
  }
}

function interrupted(): InterruptedError {
  return new InterruptedError();
}
