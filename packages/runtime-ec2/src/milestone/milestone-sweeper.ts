import type { Clock, Logger, MilestoneSweepReport } from '@wordfreq/core';
import { describeError } from '@wordfreq/observability';

export interface MilestoneSweeperDeps {
  /** One recovery sweep (`resumeUnsentMilestonesFrom(container)` bound to the mail settings). */
  readonly sweep: () => Promise<MilestoneSweepReport>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Runs the milestone recovery sweep when the worker starts and then every `intervalMs`, so a
 * congratulation whose send was lost (this or another process died, or SES failed, between the
 * claim and the send) goes out without waiting for a visit or a retry. Claims make it safe for many
 * workers to sweep at once: a stale claim is taken over by one of them only. Failures are logged and
 * the next tick tries again; they never disturb the jobs.
 */
export class MilestoneSweeper {
  private readonly stopped = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: MilestoneSweeperDeps,
    private readonly options: { readonly intervalMs: number },
  ) {}

  start(): this {
    this.loop = this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  /** One sweep now; never throws. */
  async sweepOnce(): Promise<MilestoneSweepReport | undefined> {
    try {
      const report = await this.deps.sweep();
      if (report.resent.length || report.failed.length) this.deps.logger.info('milestone sweep', { ...report });
      return report;
    } catch (error) {
      this.deps.logger.warn('milestone sweep failed; the next one tries again', { error: describeError(error) });
      return undefined;
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      await this.sweepOnce();
      if (this.options.intervalMs <= 0) return;
      try {
        await this.deps.clock.sleep(this.options.intervalMs, this.stopped.signal);
      } catch {
        return;
      }
    }
  }
}
