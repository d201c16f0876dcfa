import { jobSlots, republishUnpublished, type ResultPublisher, type ResultStore } from '@wordfreq/core';
import { handleJobMessageFrom, resumeUnsentMilestonesFrom, Tokens } from '@wordfreq/core/di';
import type { Container } from 'inversify';
import { defaultReadAhead, type WorkerConfig } from './config/worker-config.js';
import { createContainer, workerPorts } from './container.js';
import { startHealthServer, type HealthServer } from './health/health-server.js';
import { MilestoneSweeper } from './milestone/milestone-sweeper.js';
import { BacklogReporter } from './worker/backlog-reporter.js';
import { batchedPorts } from './worker/batched-ports.js';
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
 * Starts the queue worker (library entry of the daemon): asks the container for the job use case and
 * the worker's ports, polls with `config.concurrency` slots, serves /health and samples the queue depth for metrics.
 * Installs no signal handlers; `runWorkerDaemon` does that for the process.
 */
export async function startWorker(config: WorkerConfig, options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const container = options.container ?? createContainer(config);
  // The use case comes bound to the container's ports and CoreSettings (count options, size limit,
  // worker id, delay), which createContainer took from `config`.
  const ports = workerPorts(container);
  const { logger } = ports;
  // The pipeline: `concurrency` job slots read and count; up to `readAhead` more messages wait for a
  // slot (received ahead) or finish outside one (save, publish and ack, batched across jobs).
  const readAhead = config.readAhead ?? defaultReadAhead(config.concurrency);
  const resultStore = container.get<ResultStore>(Tokens.ResultStore);
  const resultPublisher = container.get<ResultPublisher>(Tokens.ResultPublisher);
  const batched = batchedPorts({ publisher: resultPublisher, results: resultStore, queue: ports.queue, logger });
  const handle = handleJobMessageFrom(container, { slots: jobSlots(config.concurrency), publisher: batched.publisher, results: batched.results });
  const worker = new QueueWorker(
    { ...ports, handle, ack: batched.ack },
    { concurrency: config.concurrency, readAhead, visibilitySeconds: config.visibilitySeconds, waitSeconds: config.waitSeconds },
  );
  const instances = container.isBound(WorkerTokens.InstanceCount) ? container.get<() => Promise<number>>(WorkerTokens.InstanceCount) : undefined;
  const sampler = new BacklogReporter(ports, { intervalMs: config.backlogIntervalMs, ...(instances ? { instances } : {}) });

  let health: HealthServer | undefined;
  if (config.healthPort !== undefined) {
    // Bind before polling: a port conflict is a configuration problem and must stop the start.
    health = await startHealthServer(() => worker.status(), { port: config.healthPort, host: config.healthHost });
    logger.info('health endpoint listening', { url: health.url });
  }
  worker.start();
  sampler.start();
  const sweeper = startMilestoneSweeper(config, container, ports);
  // The outbox's sweep: results saved whose send kept failing (their jobs were dead-lettered) go out now.
  // Rows younger than a visibility timeout belong to jobs still in flight elsewhere: left to them.
  const finishedBefore = new Date(Date.now() - config.visibilitySeconds * 1000);
  void republishUnpublished({ results: resultStore, publisher: resultPublisher, logger, finishedBefore }).catch(
    (error: unknown) => logger.warn('sweep of unpublished results failed; the next start tries again', { error: error instanceof Error ? error.message : String(error) }),
  );

  let resolveStopped!: (report: ShutdownReport) => void;
  const stopped = new Promise<ShutdownReport>((resolve) => {
    resolveStopped = resolve;
  });
  let closing: Promise<ShutdownReport> | undefined;
  const close = (shutdown: Promise<ShutdownReport>): Promise<ShutdownReport> => {
    closing ??= (async () => {
      const report = await shutdown;
      await batched.settle();
      await sampler.stop();
      await sweeper?.stop();
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

/** The milestone recovery sweep, when `config.milestones` is set: at start, then on its interval. */
function startMilestoneSweeper(config: WorkerConfig, container: Container, ports: ReturnType<typeof workerPorts>): MilestoneSweeper | undefined {
  const milestones = config.milestones;
  if (milestones === undefined) return undefined;
  const sweep = resumeUnsentMilestonesFrom(container);
  return new MilestoneSweeper(
    { sweep: () => sweep(milestones.mail, milestones.thresholds), clock: ports.clock, logger: ports.logger },
    { intervalMs: milestones.sweepIntervalMs },
  ).start();
}
