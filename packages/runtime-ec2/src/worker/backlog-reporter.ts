import type { Clock, JobQueue, Logger, Metrics } from '@wordfreq/core';
import { describeError } from '@wordfreq/observability';

export interface BacklogReporterOptions {
  readonly intervalMs: number;
  /**
   * Instances in service, for `BacklogPerInstance` (AWS's target-tracking metric: visible messages /
   * in-service instances). Without it only the raw depth is recorded, and target tracking divides by
   * the group's `GroupInServiceInstances` with metric math instead.
   */
  readonly instances?: () => Promise<number>;
}

/**
 * Samples the jobs queue's depth on an interval and records it as metrics (EMF on AWS):
 * `QueueVisible`, `QueueInFlight` and, when the instance count is known, `BacklogPerInstance`.
 * Sampling failures are logged and skipped; they never disturb the jobs.
 */
export class BacklogReporter {
  private readonly stopped = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { readonly queue: JobQueue; readonly metrics: Metrics; readonly clock: Clock; readonly logger: Logger },
    private readonly options: BacklogReporterOptions,
  ) {}

  start(): this {
    if (this.options.intervalMs > 0) this.loop = this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  /** Takes one sample now. */
  async sample(): Promise<void> {
    const { queue, metrics, logger } = this.deps;
    try {
      const depth = await queue.depth();
      metrics.record('QueueVisible', depth.visible, 'Count');
      metrics.record('QueueInFlight', depth.inFlight, 'Count');
      if (this.options.instances) {
        const instances = Math.max(1, await this.options.instances());
        metrics.record('BacklogPerInstance', depth.visible / instances, 'Count');
      }
    } catch (error) {
      logger.warn('could not sample the jobs queue depth', { error: describeError(error) });
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      await this.sample();
      try {
        await this.deps.clock.sleep(this.options.intervalMs, this.stopped.signal);
      } catch {
        return;
      }
    }
  }
}
