import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { backlogTarget, describeDeployment, lambdaConfig, seedStepPolicy, targetTrackingPolicy, type Deployment } from '@wordfreq/core';
import { meanServiceSeconds, simulate, type SimulationResult } from '@wordfreq/scaling';
import { integerFlag, parseCommandArgs } from '../args.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';
import { formatComparisonTable } from './comparison-table.js';
import { durationFlag } from './duration-flag.js';
import { nonNegativeNumber, positiveNumber, scenarioFromFlags, scenarioOptions, scenarioUsage, type Scenario } from './scaling-flags.js';
import { renderTerminalChart } from './terminal-chart.js';
import { renderSvg, scalingChartSpec } from './vega-chart.js';

export const simulateUsage = `Usage: wordfreq scaling simulate [options]

Simulates the jobs queue and its workers under each scaling policy and compares them: drain time, job
latency, instances, scaling events and cost, with a chart of queue depth and instances over time.

Policies:
  --policy P             step (the seed's: +1 at >= 15 visible, -1 at <= 2, 5 min, 300 s cooldown),
                         target (target tracking on backlog per instance), lambda, or all (default)
  --target N             backlog per instance for target tracking (default: --latency / job seconds)
  --latency D            acceptable latency the target is computed from (default 5m)
  --lambda-concurrency N Lambda's concurrency limit (default 1000)
  --cold-start S         Lambda cold start seconds (default 1)
  --memory MB            Lambda memory (default 512)
${scenarioUsage}
Output:
  --seed N               random seed for service times and arrivals (default 1)
  --svg FILE             also write the chart as an SVG picture (vega-lite)
  --width N              terminal chart width (default 60)
`;

const options = {
  ...scenarioOptions,
  policy: { type: 'string' },
  target: { type: 'string' },
  latency: { type: 'string' },
  'lambda-concurrency': { type: 'string' },
  'cold-start': { type: 'string' },
  memory: { type: 'string' },
  seed: { type: 'string' },
  svg: { type: 'string' },
  width: { type: 'string' },
} as const;

const policies = ['step', 'target', 'lambda'] as const;

export async function runSimulate(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('scaling simulate', argv, options);
  if (positionals.length > 0) throw new UsageError(`scaling simulate: unexpected argument '${positionals[0]}'`);
  const chosen = values.policy ?? 'all';
  if (chosen !== 'all' && !(policies as readonly string[]).includes(chosen)) {
    throw new UsageError(`--policy must be step, target, lambda or all, got '${chosen}'`);
  }
  const scenario = await scenarioFromFlags(values, io.cwd);
  const seed = integerFlag('seed', values.seed, 1, 0, 2 ** 32 - 1);
  const width = integerFlag('width', values.width, 60, 10, 400);
  const deployments = deploymentsFor(chosen === 'all' ? policies : [chosen as (typeof policies)[number]], scenario, values);
  const runs = deployments.map((deployment) => simulate({ seed, workload: scenario.workload, deployment }));

  if (values.svg !== undefined) {
    const svg = await renderSvg(scalingChartSpec(runs));
    const path = resolve(io.cwd, values.svg);
    try {
      await writeFile(path, svg);
    } catch (error) {
      throw new UsageError(`--svg ${values.svg}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  if (values.json) {
    io.stdout.write(JSON.stringify({ scenario: { workload: scenario.workload, seed }, runs: runs.map(jsonRun) }) + '\n');
    return 0;
  }
  io.stdout.write(`Scenario: ${scenario.workloadText}; seed ${seed}.\n`);
  for (const deployment of deployments) io.stdout.write(`  - ${describeDeployment(deployment)}\n`);
  io.stdout.write('\n' + formatComparisonTable(runs.map((r) => r.summary)));
  const until = Math.max(...runs.map((r) => r.summary.endSeconds));
  for (const run of runs) io.stdout.write('\n' + renderTerminalChart(run, { width, untilSeconds: until }));
  if (values.svg !== undefined) io.stdout.write(`\nChart written to ${values.svg}\n`);
  return 0;
}

function deploymentsFor(chosen: readonly (typeof policies)[number][], scenario: Scenario, values: Record<string, string | boolean | undefined>): Deployment[] {
  const latency = values.latency === undefined ? 300 : durationFlag('latency', String(values.latency));
  const target =
    values.target === undefined
      ? backlogTarget(latency, meanServiceSeconds(scenario.workload.service), scenario.fleet.concurrencyPerInstance)
      : positiveNumber('target', String(values.target));
  const lambda = lambdaConfig({
    ...scenario.lambdaPrice,
    concurrencyLimit: integerFlag('lambda-concurrency', values['lambda-concurrency'] as string | undefined, 1000, 1, 100_000),
    coldStartSeconds: values['cold-start'] === undefined ? 1 : nonNegativeNumber('cold-start', String(values['cold-start'])),
    memoryMb: integerFlag('memory', values.memory as string | undefined, 512, 128, 10_240),
  });
  return chosen.map((policy): Deployment => {
    if (policy === 'step') return { kind: 'ec2', fleet: scenario.fleet, policy: seedStepPolicy };
    if (policy === 'target') return { kind: 'ec2', fleet: scenario.fleet, policy: targetTrackingPolicy(target) };
    return { kind: 'lambda', lambda };
  });
}

function jsonRun(run: SimulationResult) {
  return { label: run.label, summary: run.summary, events: run.events, timeline: run.timeline };
}
