/**
 * What is left of a Lambda invocation's time, minus a margin kept for reporting back (releasing
 * messages, returning the batch response). Lambda kills the sandbox at the deadline without running
 * any more of our code, so work must stop while there is still time to hand it back.
 */
export class TimeBudget {
  constructor(
    private readonly remainingMs: () => number,
    private readonly marginMs: number,
  ) {}

  /** Milliseconds still usable for work; 0 or less means stop now. */
  left(): number {
    return this.remainingMs() - this.marginMs;
  }

  exhausted(): boolean {
    return this.left() <= 0;
  }

  /**
   * A signal that aborts when the budget runs out (or at once, if it already has). `dispose` clears the
   * timer so a finished invocation does not keep the event loop, or the next invocation, busy.
   */
  deadline(): { signal: AbortSignal; dispose(): void } {
    const controller = new AbortController();
    const reason = new DeadlineError(this.marginMs);
    const left = this.left();
    if (left <= 0) {
      controller.abort(reason);
      return { signal: controller.signal, dispose: () => {} };
    }
    const timer = setTimeout(() => controller.abort(reason), left);
    timer.unref();
    return { signal: controller.signal, dispose: () => clearTimeout(timer) };
  }
}

/** The reason a deadline signal carries, so logs say why work was handed back. */
export class DeadlineError extends Error {
  constructor(marginMs: number) {
    super(`the invocation is within ${marginMs} ms of its timeout; unfinished work is handed back to the queue`);
    this.name = 'DeadlineError';
  }
}
