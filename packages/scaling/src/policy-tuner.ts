import { ConfigError, seedStepPolicy, targetTrackingPolicy, type Ec2Fleet, type Ec2ScalingPolicy, type StepScalingPolicy } from '@wordfreq/core';
import type { RunSummary } from './run-summary.js';
import type { MetricClockSettings } from './simulation-input.validation.js';
import { simulate } from './simulator.js';
import { explainTuning } from './tuning-explanation.js';
import type { Workload } from './workload.js';

/** What "good enough" means; every given bound must hold on every seed. */
export interface TuningGoal {
  readonly maxDrainSeconds?: number;
  readonly maxP95LatencySeconds?: number;
}

/** The grid searched. Every combination is simulated on every seed. */
export interface TuningSpace {
  readonly maxInstances: readonly number[];
  readonly stepOutThresholds: readonly number[];
  readonly stepOutAdds: readonly number[];
  readonly stepInThresholds: readonly number[];
  readonly stepCooldowns: readonly number[];
  readonly stepPeriods: readonly number[];
  readonly targets: readonly number[];
}

export const defaultTuningSpace: TuningSpace = {
  maxInstances: [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 30],
  stepOutThresholds: [5, 15, 50],
  stepOutAdds: [1, 3, 9],
  stepInThresholds: [0, 2],
  stepCooldowns: [60, 300],
  stepPeriods: [60, 300],
  targets: [2, 5, 10, 20, 50],
};

export interface TuneRequest {
  readonly workload: Workload;
  /** min, desired, boot, concurrency and price are kept; max is searched. */
  readonly fleet: Ec2Fleet;
  readonly goal: TuningGoal;
  /** Seeds each candidate runs on; the goal must hold on all of them. Default 1, 2, 3. */
  readonly seeds?: readonly number[];
  readonly metrics?: MetricClockSettings;
  readonly space?: Partial<TuningSpace>;
  /** What the winner is explained against; default the seed's step policy at `fleet.max`. */
  readonly baseline?: Ec2ScalingPolicy;
}

export interface CandidateResult {
  readonly policy: Ec2ScalingPolicy;
  readonly max: number;
  /** Worst over the seeds; Infinity when some run did not drain. */
  readonly worstDrainSeconds: number;
  readonly worstP95Seconds: number;
  readonly meanExtraUsd: number;
  readonly meanExtraInstanceSeconds: number;
  readonly meanUsd: number;
  readonly meetsGoal: boolean;
  readonly runs: readonly RunSummary[];
}

export interface TuneResult {
  readonly goal: TuningGoal;
  readonly seeds: readonly number[];
  readonly evaluated: number;
  readonly meetingGoal: number;
  readonly baseline: CandidateResult;
  /** The cheapest candidate meeting the goal; undefined when none does. */
  readonly winner?: CandidateResult;
  /** The next cheapest candidates meeting the goal, best first. */
  readonly runnersUp: readonly CandidateResult[];
  /** The fastest candidate of each policy family, to say what the family can do at best. */
  readonly fastest: { readonly step?: CandidateResult; readonly targetTracking?: CandidateResult };
  readonly explanation: readonly string[];
}

/**
 * Finds the cheapest policy (cost beyond the minimum fleet) that meets the goal on every seed, by
 * simulating a grid of step policies and target-tracking targets at several maximum sizes.
 */
export function tune(request: TuneRequest): TuneResult {
  const seeds = request.seeds ?? [1, 2, 3];
  const space = { ...defaultTuningSpace, ...request.space };
  validateRequest(request, seeds, space);
  const evaluate = (policy: Ec2ScalingPolicy, max: number) => evaluateCandidate(request, seeds, policy, max);

  const baseline = evaluate(request.baseline ?? seedStepPolicy, request.fleet.max);
  const floor = Math.max(1, request.fleet.min, request.fleet.desired);
  const maxes = [...new Set(space.maxInstances)].filter((max) => max >= floor).sort((a, b) => a - b);
  const results: CandidateResult[] = [];
  for (const max of maxes) {
    for (const policy of candidatePolicies(space, max - request.fleet.min)) results.push(evaluate(policy, max));
  }
  const baselinePolicy = request.baseline ?? seedStepPolicy;
  // Between equally good candidates, the one with the fewest changes from the seed is easiest to adopt.
  const meeting = results
    .filter((c) => c.meetsGoal)
    .map((c, index) => ({ c, index, changes: policyChanges(baselinePolicy, request.fleet.max, c.policy, c.max).length }))
    .sort((a, b) => byCost(a.c, b.c) || a.changes - b.changes || a.index - b.index)
    .map(({ c }) => c);
  const runnersUp = distinctOutcomes(meeting).slice(1, 5);
  const fastestOf = (kind: Ec2ScalingPolicy['kind']) => results.filter((c) => c.policy.kind === kind).sort(bySpeed)[0];
  const partial = { goal: request.goal, seeds, evaluated: results.length, meetingGoal: meeting.length, baseline, winner: meeting[0], runnersUp, fastest: { step: fastestOf('step'), targetTracking: fastestOf('target-tracking') } };
  return { ...partial, explanation: explainTuning({ ...partial, fleet: request.fleet }) };
}

function candidatePolicies(space: TuningSpace, room: number): Ec2ScalingPolicy[] {
  const policies: Ec2ScalingPolicy[] = space.targets.map((target) => targetTrackingPolicy(target));
  // Adding more than the room between min and max behaves like adding exactly the room: simulate once.
  const adds = [...new Set(space.stepOutAdds.map((add) => Math.max(1, Math.min(add, room))))];
  for (const period of space.stepPeriods) {
    for (const cooldown of space.stepCooldowns) {
      for (const outAt of space.stepOutThresholds) {
        for (const add of adds) {
          for (const inAt of space.stepInThresholds) {
            if (inAt >= outAt) continue;
            const policy: StepScalingPolicy = {
              ...seedStepPolicy,
              label: `step +${add}@${outAt} -1@${inAt} ${period}s/${cooldown}s`,
              periodSeconds: period,
              cooldownSeconds: cooldown,
              scaleOut: [{ atLeast: outAt, add }],
              scaleIn: [{ atMost: inAt, remove: 1 }],
            };
            policies.push(policy);
          }
        }
      }
    }
  }
  return policies;
}

function evaluateCandidate(request: TuneRequest, seeds: readonly number[], policy: Ec2ScalingPolicy, max: number): CandidateResult {
  const fleet = { ...request.fleet, max };
  const runs = seeds.map((seed) => simulate({ seed, workload: request.workload, deployment: { kind: 'ec2', fleet, policy }, metrics: request.metrics }).summary);
  const worstDrainSeconds = Math.max(...runs.map((r) => r.drainSeconds ?? Infinity));
  const worstP95Seconds = Math.max(...runs.map((r) => r.latencySeconds?.p95 ?? Infinity));
  const mean = (pick: (r: RunSummary) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  const { maxDrainSeconds, maxP95LatencySeconds } = request.goal;
  const meetsGoal =
    runs.every((r) => r.drained) &&
    (maxDrainSeconds === undefined || worstDrainSeconds <= maxDrainSeconds) &&
    (maxP95LatencySeconds === undefined || worstP95Seconds <= maxP95LatencySeconds);
  return {
    policy,
    max,
    worstDrainSeconds,
    worstP95Seconds,
    meanExtraUsd: mean((r) => r.cost.extraUsd),
    meanExtraInstanceSeconds: mean((r) => r.extraInstanceSeconds),
    meanUsd: mean((r) => r.cost.usd),
    meetsGoal,
    runs,
  };
}

// Cost first; between equal costs the faster, then the smaller group.
function byCost(a: CandidateResult, b: CandidateResult): number {
  return a.meanExtraUsd - b.meanExtraUsd || a.meanExtraInstanceSeconds - b.meanExtraInstanceSeconds || a.worstDrainSeconds - b.worstDrainSeconds || a.max - b.max;
}

/** Candidates that behave differently: the first of each (max, drain, cost) outcome. */
function distinctOutcomes(sorted: readonly CandidateResult[]): CandidateResult[] {
  const seen = new Set<string>();
  return sorted.filter((c) => {
    const key = `${c.max}|${c.worstDrainSeconds}|${c.meanExtraUsd}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What to change in the console to go from `from` (at `fromMax`) to `to` (at `toMax`), one item each. */
export function policyChanges(from: Ec2ScalingPolicy, fromMax: number, to: Ec2ScalingPolicy, toMax: number): string[] {
  const changes: string[] = [];
  if (fromMax !== toMax) changes.push(`max ${fromMax} -> ${toMax}`);
  if (from.kind !== to.kind) {
    changes.push(to.kind === 'target-tracking' ? `target tracking at ${to.targetBacklogPerInstance} messages per instance instead of step alarms` : 'step alarms instead of target tracking');
    return changes;
  }
  if (from.kind === 'target-tracking' && to.kind === 'target-tracking') {
    if (from.targetBacklogPerInstance !== to.targetBacklogPerInstance) changes.push(`target ${from.targetBacklogPerInstance} -> ${to.targetBacklogPerInstance}`);
    return changes;
  }
  if (from.kind !== 'step' || to.kind !== 'step') return changes;
  const compare = (name: string, a: unknown, b: unknown, unit = '') => {
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push(`${name} ${String(a)}${unit} -> ${String(b)}${unit}`);
  };
  compare('alarm period', from.periodSeconds, to.periodSeconds, ' s');
  compare('evaluation periods', from.evaluationPeriods, to.evaluationPeriods);
  compare('cooldown', from.cooldownSeconds, to.cooldownSeconds, ' s');
  if (from.scaleOut.length === 1 && to.scaleOut.length === 1) {
    compare('scale-out threshold', from.scaleOut[0].atLeast, to.scaleOut[0].atLeast);
    compare('scale-out step', `+${from.scaleOut[0].add}`, `+${to.scaleOut[0].add}`);
  } else compare('scale-out', from.scaleOut.map((s) => `+${s.add} at >= ${s.atLeast}`).join(', '), to.scaleOut.map((s) => `+${s.add} at >= ${s.atLeast}`).join(', '));
  if (from.scaleIn.length === 1 && to.scaleIn.length === 1) {
    compare('scale-in threshold', from.scaleIn[0].atMost, to.scaleIn[0].atMost);
    compare('scale-in step', `-${from.scaleIn[0].remove}`, `-${to.scaleIn[0].remove}`);
  } else compare('scale-in', from.scaleIn.map((s) => `-${s.remove} at <= ${s.atMost}`).join(', '), to.scaleIn.map((s) => `-${s.remove} at <= ${s.atMost}`).join(', '));
  return changes;
}

function bySpeed(a: CandidateResult, b: CandidateResult): number {
  return a.worstDrainSeconds - b.worstDrainSeconds || a.meanExtraUsd - b.meanExtraUsd;
}

function validateRequest(request: TuneRequest, seeds: readonly number[], space: TuningSpace): void {
  const problems: string[] = [];
  const { maxDrainSeconds, maxP95LatencySeconds } = request.goal;
  if (maxDrainSeconds === undefined && maxP95LatencySeconds === undefined) problems.push('goal: give maxDrainSeconds, maxP95LatencySeconds or both');
  for (const [name, value] of [['goal.maxDrainSeconds', maxDrainSeconds], ['goal.maxP95LatencySeconds', maxP95LatencySeconds]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) problems.push(`${name} must be a positive number of seconds, got ${value}`);
  }
  if (seeds.length === 0) problems.push('seeds must list at least one seed');
  const floor = Math.max(1, request.fleet.min, request.fleet.desired);
  if (!space.maxInstances.some((max) => max >= floor)) problems.push(`space.maxInstances has no size >= ${floor} (the fleet's min/desired)`);
  for (const key of ['stepOutThresholds', 'stepOutAdds', 'stepInThresholds', 'stepCooldowns', 'stepPeriods', 'targets'] as const) {
    if (space[key].some((value) => !Number.isFinite(value) || value < 0)) problems.push(`space.${key} must hold non-negative numbers`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
