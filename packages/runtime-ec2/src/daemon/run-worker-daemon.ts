import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError } from '@wordfreq/core';
import type { Container } from 'inversify';
import { unknownWorkerVariables, workerConfigFromEnv, type Env } from '../config/worker-config.from-env.js';
import type { WorkerConfig } from '../config/worker-config.js';
import { createContainer, disposeContainer } from '../container.js';
import { startWorker } from '../start-worker.js';
import { workerUsage } from './worker-usage.js';

type StopSignal = 'SIGTERM' | 'SIGINT';

/** What the daemon needs from its process; tests and the CLI pass their own. */
export interface DaemonIo {
  readonly env: Env;
  /** JSON log lines and EMF metric lines, one per call. */
  readonly writeLine: (line: string) => void;
  /** Human-readable problems (configuration errors, usage). */
  readonly writeError: (text: string) => void;
  readonly signals: {
    on(signal: StopSignal, listener: () => void): unknown;
    off(signal: StopSignal, listener: () => void): unknown;
  };
  /** Name shown in usage and errors. */
  readonly command?: string;
  /** Container override (tests sharing in-process adapters). */
  readonly container?: (config: WorkerConfig) => Container;
}

/**
 * Runs the worker as a process would: flags and environment into a configuration (exit 2 listing
 * every problem), start, then stop on signals. First SIGTERM/SIGINT: drain within the grace period,
 * exit 0. A second: release everything now, exit 128 + signal number. Resolves to the exit code.
 */
export async function runWorkerDaemon(argv: readonly string[], io: DaemonIo): Promise<number> {
  const command = io.command ?? 'wordfreq-worker';
  let flags: { healthPort?: string; help?: boolean };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { 'health-port': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new Error(`unexpected argument '${positionals[0]}'`);
    flags = { healthPort: values['health-port'], help: values.help };
  } catch (error) {
    io.writeError(`${command}: ${(error as Error).message}\nRun '${command} --help' for the options.\n`);
    return 2;
  }
  if (flags.help) {
    io.writeError(workerUsage(command));
    return 0;
  }

  let running;
  try {
    const config = workerConfigFromEnv(io.env, flags.healthPort === undefined ? {} : { healthPort: flags.healthPort });
    const container = io.container ? io.container(config) : createContainer(config, { writeLine: io.writeLine });
    running = await startWorker(config, { container });
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : startProblem(error);
    if (!problems) throw error;
    io.writeError(`${command}: invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}\n`).join('')}`);
    return 2;
  }
  for (const name of unknownWorkerVariables(io.env)) {
    io.writeError(`${command}: warning: ${name} is not a setting the worker reads (see --help); ignored\n`);
  }

  let immediate: StopSignal | undefined;
  const onSignal = (signal: StopSignal) => () => {
    if (running.status().state === 'running') {
      void running.drain();
    } else {
      immediate ??= signal;
      void running.stopNow();
    }
  };
  const listeners = { SIGTERM: onSignal('SIGTERM'), SIGINT: onSignal('SIGINT') };
  io.signals.on('SIGTERM', listeners.SIGTERM);
  io.signals.on('SIGINT', listeners.SIGINT);
  try {
    await running.stopped;
  } finally {
    io.signals.off('SIGTERM', listeners.SIGTERM);
    io.signals.off('SIGINT', listeners.SIGINT);
    disposeContainer(running.container);
  }
  return immediate ? 128 + constants.signals[immediate] : 0;
}

/** Start-up failures that are the operator's to fix, worded as configuration problems. */
function startProblem(error: unknown): string[] | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return [`--health-port/WORKER_HEALTH_PORT: the port is already in use (${(error as Error).message})`];
  if (code === 'EACCES') return [`--health-port/WORKER_HEALTH_PORT: not allowed to listen there (${(error as Error).message}); use a port above 1023`];
  return undefined;
}
