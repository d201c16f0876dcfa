import { generateJobs, simulate, type JobSpec, type SimulationResult } from '@wordfreq/scaling';
import type { Calibration } from './calibration.js';
import { loadtestFleet, type LoadtestScenario } from './loadtest-scenario.js';

export interface PredictionInput {
  readonly scenario: LoadtestScenario;
  readonly calibration: Calibration;
  /** When each job reached the queue in the measured run (run seconds). */
  readonly arrivals: readonly number[];
  /** When the autoscaler first sampled the queue (run seconds); later samples follow every `sampleSeconds`. */
  readonly phaseSeconds: number;
}

/**
 * The simulator's prediction for the scenario the run had: the same jobs arriving when they did, the
 * same policy on the same metric clock, the same group bounds, with the measured start-up time as
 * boot time and the configured delay plus the measured overhead as service time.
 */
export function predictLoadtest(input: PredictionInput): SimulationResult {
  const { scenario, calibration } = input;
  const { jobSeconds, seed } = scenario.options;
  const min = jobSeconds.min + calibration.overheadSeconds;
  const max = jobSeconds.max + calibration.overheadSeconds;
  const service = min === max ? { kind: 'fixed' as const, seconds: min } : { kind: 'uniform' as const, minSeconds: min, maxSeconds: max };
  const drawn = generateJobs({ arrivals: { kind: 'burst', count: input.arrivals.length }, service }, seed);
  const jobs: JobSpec[] = drawn.map((job, i) => ({ ...job, arrivalSeconds: input.arrivals[i] }));
  return simulate({
    label: `predicted: ${scenario.policy.label ?? scenario.policy.kind}`,
    seed,
    workload: jobs,
    deployment: { kind: 'ec2', fleet: loadtestFleet(scenario, calibration.bootSeconds), policy: scenario.policy },
    metrics: { sampleSeconds: scenario.sampleSeconds, evaluationSeconds: scenario.sampleSeconds, delaySeconds: 0, phaseSeconds: input.phaseSeconds },
    settleLimitSeconds: scenario.settleLimitSeconds,
  });
}
