import { jobSlots, republishUnpublished, type MilestoneSweepReport, type RepublishReport, type ResultPublisher, type ResultStore } from '@wordfreq/core';
import { handleJobMessageFrom, resumeUnsentMilestonesFrom, Tokens } from '@wordfreq/core/di';
import type { Container } from 'inversify';
import { readAheadOf, type WorkerConfig } from './config/worker-config.js';
import { createContainer, workerPorts } from './container.js';
import { startHealthServer, type HealthServer } from './health/health-server.js';
import { PeriodicTask } from './periodic/periodic-task.js';
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
  const readAhead = readAheadOf(config);
  const batched = batchedPorts({ publisher: container.get<ResultPublisher>(Tokens.ResultPublisher), queue: ports.queue });
  const handle = handleJobMessageFrom(container, { slots: jobSlots(config.concurrency), publisher: batched.publisher });
  const worker = new QueueWorker(
    { ...ports, handle, ack: batched.ack },
    {
      concurrency: config.concurrency,
      readAhead,
      visibilitySeconds: config.visibilitySeconds,
      waitSeconds: config.waitSeconds,
      ...(config.jobTimeLimitMs === undefined ? {} : { jobTimeLimitMs: config.jobTimeLimitMs }),
      ...(config.maxReceives === undefined ? {} : { maxReceives: config.maxReceives }),
    },
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
  const sweeps = [startMilestoneSweep(config, container, ports), startOutboxSweep(config, container, ports)];

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
      await Promise.all(sweeps.map((sweep) => sweep?.stop()));
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
function startMilestoneSweep(config: WorkerConfig, container: Container, ports: ReturnType<typeof workerPorts>): PeriodicTask<MilestoneSweepReport> | undefined {
  const milestones = config.milestones;
  if (milestones === undefined) return undefined;
  const sweep = resumeUnsentMilestonesFrom(container);
  return new PeriodicTask(
    { run: () => sweep(milestones.mail, milestones.thresholds), clock: ports.clock, logger: ports.logger },
    { name: 'milestone sweep', intervalMs: milestones.sweepIntervalMs, report: (report) => (report.resent.length || report.failed.length ? { ...report } : undefined) },
  ).start();
}

/**
 * The outbox's sweep, at start and every `config.republishIntervalMs`: results saved whose send kept
 * failing (their jobs were dead-lettered) go out. Rows younger than a visibility timeout belong to
 * jobs still in flight here or elsewhere: left to them. It logs what it sent itself.
 */
function startOutboxSweep(config: WorkerConfig, container: Container, ports: ReturnType<typeof workerPorts>): PeriodicTask<RepublishReport> {
  const deps = { results: container.get<ResultStore>(Tokens.ResultStore), publisher: container.get<ResultPublisher>(Tokens.ResultPublisher), logger: ports.logger };
  return new PeriodicTask(
    { run: () => republishUnpublished({ ...deps, finishedBefore: new Date(ports.clock.now().getTime() - config.visibilitySeconds * 1000) }), clock: ports.clock, logger: ports.logger },
    { name: 'outbox sweep', intervalMs: config.republishIntervalMs ?? 0 },
  ).start();
}
