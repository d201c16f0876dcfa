import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { runSimulate, simulateUsage } from '../scaling/simulate-scaling.js';
import { runTune, tuneUsage } from '../scaling/tune-scaling.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: wordfreq scaling <simulate|tune> [options]

See how a queue-depth scaling policy behaves before deploying it.

  simulate   compare the seed's step policy, target tracking and Lambda on a workload
  tune       find the cheapest policy that meets a drain-time or latency goal

${simulateUsage}
${tuneUsage}`;

export const scalingCommand: Command = {
  name: 'scaling',
  summary: 'simulate and tune auto-scaling policies for the jobs queue',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub === 'simulate') return runSimulate(rest, io);
    if (sub === 'tune') return runTune(rest, io);
    throw new UsageError(sub === undefined ? "scaling: say 'simulate' or 'tune'" : `scaling: unknown subcommand '${sub}'; use simulate or tune`);
  },
};
