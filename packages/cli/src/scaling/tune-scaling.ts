import { formatDuration, tune, type CandidateResult } from '@wordfreq/scaling';
import { integerFlag, parseCommandArgs } from '../args.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';
import { durationFlag } from './duration-flag.js';
import { scenarioFromFlags, scenarioOptions, scenarioUsage } from './scaling-flags.js';

export const tuneUsage = `Usage: wordfreq scaling tune --max-drain D [--max-p95 D] [options]

Searches step policies (thresholds, step size, period, cooldown) and target-tracking targets, each at
several maximum group sizes, for the cheapest one that meets the goal on every simulated seed, and
explains it against the seed's policy. --max is the seed policy's group size to compare with.

Goal (one or both):
  --max-drain D          the queue must drain within D (e.g. 5m, 300s, 1h)
  --max-p95 D            95% of jobs must finish within D of their upload
  --seeds N              simulate every candidate on seeds 1..N (default 3)
${scenarioUsage}
`;

const options = { ...scenarioOptions, 'max-drain': { type: 'string' }, 'max-p95': { type: 'string' }, seeds: { type: 'string' } } as const;

export async function runTune(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('scaling tune', argv, options);
  if (positionals.length > 0) throw new UsageError(`scaling tune: unexpected argument '${positionals[0]}'`);
  if (values['max-drain'] === undefined && values['max-p95'] === undefined) {
    throw new UsageError('scaling tune: give a goal, --max-drain D and/or --max-p95 D (e.g. --max-drain 5m)');
  }
  const goal = {
    maxDrainSeconds: values['max-drain'] === undefined ? undefined : durationFlag('max-drain', values['max-drain']),
    maxP95LatencySeconds: values['max-p95'] === undefined ? undefined : durationFlag('max-p95', values['max-p95']),
  };
  const seedCount = integerFlag('seeds', values.seeds, 3, 1, 50);
  const scenario = await scenarioFromFlags(values, io.cwd);
  const result = tune({ workload: scenario.workload, fleet: scenario.fleet, goal, seeds: Array.from({ length: seedCount }, (_, i) => i + 1) });

  if (values.json) {
    const brief = (c: CandidateResult | undefined) =>
      c && { policy: c.policy, max: c.max, meetsGoal: c.meetsGoal, worstDrainSeconds: c.worstDrainSeconds, worstP95Seconds: c.worstP95Seconds, meanExtraUsd: c.meanExtraUsd, meanUsd: c.meanUsd };
    io.stdout.write(
      JSON.stringify({
        goal,
        seeds: result.seeds,
        evaluated: result.evaluated,
        meetingGoal: result.meetingGoal,
        winner: brief(result.winner) ?? null,
        baseline: brief(result.baseline),
        runnersUp: result.runnersUp.map(brief),
        explanation: result.explanation,
      }) + '\n',
    );
    return result.winner ? 0 : 1;
  }
  io.stdout.write(`Scenario: ${scenario.workloadText}.\n\n`);
  io.stdout.write(result.explanation.map((line) => `${line}\n`).join(''));
  if (result.runnersUp.length > 0) {
    io.stdout.write('\nRunners-up:\n');
    for (const c of result.runnersUp) {
      io.stdout.write(`  ${c.policy.label}, max ${c.max}: drains in ${formatDuration(c.worstDrainSeconds)}, $${c.meanExtraUsd.toFixed(4)} beyond the minimum fleet\n`);
    }
  }
  // No policy meeting the goal is an answer, not a usage error; scripts can still tell it apart.
  return result.winner ? 0 : 1;
}
