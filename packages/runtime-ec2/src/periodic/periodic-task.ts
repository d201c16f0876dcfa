import type { Clock, Logger } from '@wordfreq/core';
import { describeError } from '@wordfreq/observability';

export interface PeriodicTaskDeps<T> {
  /** One run of the task (a sweep); a throw is logged, and the next tick tries again. */
  readonly run: () => Promise<T>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface PeriodicTaskOptions<T> {
  /** Names the task in its log lines: `milestone sweep`, `outbox sweep`. */
  readonly name: string;
  /** Time between the end of one run and the start of the next; 0 = run once, at start. */
  readonly intervalMs: number;
  /** Fields worth an info line after a run, or undefined for a quiet run. */
  readonly report?: (result: T) => Record<string, unknown> | undefined;
}

/**
 * A recovery sweep the worker runs when it starts and then every `intervalMs` on its clock: the
 * milestone sweep (congratulations whose send was lost) and the outbox sweep (results saved whose
 * publish failed). Runs never overlap (the interval counts from the end of a run), failures are
 * logged and never disturb the jobs, and `stop` waits for a run in progress.
 */
export class PeriodicTask<T> {
  private readonly stopped = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: PeriodicTaskDeps<T>,
    private readonly options: PeriodicTaskOptions<T>,
  ) {}

  start(): this {
    this.loop = this.loopRuns();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  /** One run now; never throws. */
  async runOnce(): Promise<T | undefined> {
    const { logger } = this.deps;
    try {
      const result = await this.deps.run();
      const fields = this.options.report?.(result);
      if (fields) logger.info(this.options.name, fields);
      return result;
    } catch (error) {
      logger.warn(`${this.options.name} failed; the next one tries again`, { error: describeError(error) });
      return undefined;
    }
  }

  private async loopRuns(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      await this.runOnce();
      if (this.options.intervalMs <= 0) return;
      try {
        await this.deps.clock.sleep(this.options.intervalMs, this.stopped.signal);
      } catch {
        return;
      }
    }
  }
}
