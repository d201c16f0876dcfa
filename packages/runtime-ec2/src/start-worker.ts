import {
  handleJobMessage,
  type Clock,
  type JobQueue,
  type Logger,
  type Metrics,
  type ObjectStore,
  type ResultPublisher,
  type ResultStore,
} from '@wordfreq/core';
import { Tokens } from '@wordfreq/core/di';
import type { Container } from 'inversify';
import type { WorkerConfig } from './config/worker-config.js';
import { createContainer } from './container.js';
import { startHealthServer, type HealthServer } from './health/health-server.js';
import { BacklogReporter } from './worker/backlog-reporter.js';
import type { JobHandler } from './worker/job-handler.js';
import { QueueWorker, type ShutdownReport, type WorkerStatus } from './worker/queue-worker.js';
import { WorkerTokens } from './worker/worker-tokens.js';

export interface StartWorkerOptions {
  /** The ports to use; default `createContainer(config)`. Pass one to share in-process adapters. */
  readonly container?: Container;
}

export interface RunningWorker {
  readonly config: WorkerConfig;
  readonly container: Container;
  /** The health endpoint's URL, when `config.healthPort` is set. */
  readonly healthUrl?: string;
  status(): WorkerStatus;
  /** Graceful stop: finish in-flight jobs within `graceMs` (default the config's), release the rest. */
  drain(graceMs?: number): Promise<ShutdownReport>;
  /** Immediate stop: release in-flight messages now. Ends a drain in progress too. */
  stopNow(): Promise<ShutdownReport>;
  /** Settles when the worker stopped and its health endpoint and sampler are closed. */
  readonly stopped: Promise<ShutdownReport>;
}

/**
 * Starts the queue worker (library entry of the daemon): resolves the ports from the container,
 * polls with `config.concurrency` slots, serves /health and samples the queue depth for metrics.
 * Installs no signal handlers; `runWorkerDaemon` does that for the process.
 */
export async function startWorker(config: WorkerConfig, options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const container = options.container ?? createContainer(config);
  const queue = container.get<JobQueue>(Tokens.JobQueue);
  const clock = container.get<Clock>(Tokens.Clock);
  const logger = container.get<Logger>(Tokens.Logger);
  const metrics = container.get<Metrics>(Tokens.Metrics);
  const useCaseDeps = {
    storage: container.get<ObjectStore>(Tokens.ObjectStore),
    results: container.get<ResultStore>(Tokens.ResultStore),
    publisher: container.get<ResultPublisher>(Tokens.ResultPublisher),
    clock,
    logger,
  };
  const handle: JobHandler = (delivery, signal) =>
    handleJobMessage(delivery, useCaseDeps, {
      count: config.count,
      maxBytes: config.maxBytes,
      workerId: config.workerId,
      delayMs: config.jobDelayMs,
      signal,
    });

  const worker = new QueueWorker(
    { queue, clock, logger, metrics, handle },
    { concurrency: config.concurrency, visibilitySeconds: config.visibilitySeconds, waitSeconds: config.waitSeconds },
  );
  const instances = container.isBound(WorkerTokens.InstanceCount) ? container.get<() => Promise<number>>(WorkerTokens.InstanceCount) : undefined;
  const sampler = new BacklogReporter({ queue, metrics, clock, logger }, { intervalMs: config.backlogIntervalMs, ...(instances ? { instances } : {}) });

  let health: HealthServer | undefined;
  if (config.healthPort !== undefined) {
    // Bind before polling: a port conflict is a configuration problem and must stop the start.
    health = await startHealthServer(() => worker.status(), { port: config.healthPort, host: config.healthHost });
    logger.info('health endpoint listening', { url: health.url });
  }
  worker.start();
  sampler.start();

  let resolveStopped!: (report: ShutdownReport) => void;
  const stopped = new Promise<ShutdownReport>((resolve) => {
    resolveStopped = resolve;
  });
  let closing: Promise<ShutdownReport> | undefined;
  const close = (shutdown: Promise<ShutdownReport>): Promise<ShutdownReport> => {
    closing ??= (async () => {
      const report = await shutdown;
      await sampler.stop();
      await health?.close();
      resolveStopped(report);
      return report;
    })();
    return closing;
  };

  return {
    config,
    container,
    ...(health ? { healthUrl: health.url } : {}),
    status: () => worker.status(),
    drain: (graceMs = config.gracePeriodMs) => close(worker.drain(graceMs)),
    // The drain's own promise settles early once the hard stop fires, so both paths end in `close`.
    stopNow: () => {
      const report = worker.stopNow();
      return closing ? closing : close(report);
    },
    stopped,
  };
}
