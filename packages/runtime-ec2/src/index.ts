// @wordfreq/runtime-ec2: the queue worker daemon for EC2 Auto Scaling groups, also usable as a library.
export { startWorker, type RunningWorker, type StartWorkerOptions } from './start-worker.js';
export { createContainer, disposeContainer, workerPorts, type CreateContainerOptions } from './container.js';
export { runWorkerDaemon, type DaemonIo } from './daemon/run-worker-daemon.js';
export { workerUsage } from './daemon/worker-usage.js';
export { workerConfigFromEnv, unknownWorkerVariables, workerEnvVariables, type Env, type WorkerFlags } from './config/worker-config.from-env.js';
export { defaultReadAhead, workerDefaults, type WorkerConfig, type AdapterChoice, type LogLevel } from './config/worker-config.js';
export { QueueWorker, type QueueWorkerDeps, type QueueWorkerOptions, type ShutdownReport, type WorkerState, type WorkerStatus } from './worker/queue-worker.js';
export type { JobHandler } from './worker/job-handler.js';
export type { JobEnd } from './worker/job-run.js';
export { BacklogReporter, type BacklogReporterOptions } from './worker/backlog-reporter.js';
export { WorkerTokens } from './worker/worker-tokens.js';
export { startHealthServer, judgeHealth, type HealthServer, type HealthVerdict } from './health/health-server.js';
