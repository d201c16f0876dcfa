import { runWorkerDaemon, workerUsage } from '@wordfreq/runtime-ec2';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';

/**
 * `wordfreq worker`: the EC2 queue worker in the foreground, configured by the WORKER_* variables.
 * A thin wrapper: everything (configuration errors with exit 2, signals, drain) is the runtime's.
 */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'run the queue worker (the EC2 daemon) in the foreground until SIGTERM/SIGINT',
  usage: workerUsage('wordfreq worker'),
  run(argv: readonly string[], io: CliIo): Promise<number> {
    return runWorkerDaemon(argv, {
      env: io.env,
      writeLine: (line) => void io.stdout.write(`${line}\n`),
      writeError: (text) => void io.stderr.write(text),
      signals: process,
      command: 'wordfreq worker',
    });
  },
};
