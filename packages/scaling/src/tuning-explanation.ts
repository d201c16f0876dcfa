import { describePolicy, type Ec2Fleet } from '@wordfreq/core';
import { formatDuration } from './format-duration.js';
import { policyChanges, type CandidateResult, type TuningGoal } from './policy-tuner.js';

export interface ExplanationInput {
  readonly goal: TuningGoal;
  readonly seeds: readonly number[];
  readonly evaluated: number;
  readonly meetingGoal: number;
  readonly fleet: Ec2Fleet;
  readonly baseline: CandidateResult;
  readonly winner?: CandidateResult;
  readonly fastest: { readonly step?: CandidateResult; readonly targetTracking?: CandidateResult };
}

/**
 * Says why the winner wins in terms of the mechanics that decide a drain time: how soon the policy
 * reacts, how much it adds at once, how large it may grow, and what the work needs at minimum.
 */
export function explainTuning(input: ExplanationInput): string[] {
  const { goal, baseline, winner, fleet } = input;
  const lines = [
    `Goal: ${goalText(goal)}, worst case over simulation seed${input.seeds.length === 1 ? '' : 's'} ${input.seeds.join(', ')}; ${input.evaluated} candidates simulated, ${input.meetingGoal} meet it.`,
    `Seed policy (${describePolicy(baseline.policy)}; ${fleet.min}-${baseline.max} instances): ${outcome(baseline)}; ${verdict(baseline, goal)}.`,
  ];
  if (!winner) {
    const fastest = [input.fastest.step, input.fastest.targetTracking].filter((c): c is CandidateResult => c !== undefined).sort((a, b) => a.worstDrainSeconds - b.worstDrainSeconds)[0];
    if (fastest) lines.push(`No candidate meets the goal. The fastest, ${describePolicy(fastest.policy)} with max ${fastest.max}, ${outcome(fastest)}.`);
    lines.push(`${floorText(baseline, fleet, Math.max(...[fastest?.max ?? 0, baseline.max]))} Try a larger max, a shorter boot (a warm pool or a smaller image), more jobs per instance, or Lambda.`);
    return lines;
  }

  const costDelta = winner.meanExtraUsd - baseline.meanExtraUsd;
  const relative = baseline.meanExtraUsd > 0 ? ` (${costDelta >= 0 ? '+' : ''}${Math.round((costDelta / baseline.meanExtraUsd) * 100)}%)` : '';
  lines.push(`Winner: ${describePolicy(winner.policy)}; ${fleet.min}-${winner.max} instances: ${outcome(winner)}.`);
  const changes = policyChanges(baseline.policy, baseline.max, winner.policy, winner.max);
  lines.push(changes.length === 0 ? 'It is the seed policy itself.' : `Changes from the seed: ${changes.join('; ')}.`);
  lines.push(`It costs ${usd(winner.meanExtraUsd)} a run beyond the minimum fleet against the seed's ${usd(baseline.meanExtraUsd)}${relative}.`);

  const reactWinner = meanOf(winner, (r) => r.firstScaleOutSeconds);
  const reactBaseline = meanOf(baseline, (r) => r.firstScaleOutSeconds);
  if (reactWinner !== undefined && reactBaseline !== undefined && Math.abs(reactWinner - reactBaseline) >= 15) {
    lines.push(`Why: it first adds capacity after ${formatDuration(reactWinner)} on average, the seed after ${formatDuration(reactBaseline)}${reactionCause(winner)}.`);
  }
  const fullWinner = meanOf(winner, (r) => r.peakInServiceSeconds);
  const fullBaseline = meanOf(baseline, (r) => r.peakInServiceSeconds);
  if (fullWinner !== undefined && fullBaseline !== undefined) {
    lines.push(
      `It has ${peak(winner)} instances working after ${formatDuration(fullWinner)}; the seed reaches ${peak(baseline)} after ${formatDuration(fullBaseline)}${stepCause(winner)}.`,
    );
  }
  if (winner.max > baseline.max) lines.push(floorText(baseline, fleet, winner.max));
  else if (winner.max < baseline.max) lines.push(`A max of ${winner.max} is enough: more instances would only add boot time and idle minutes to the bill.`);
  for (const [family, fastest] of [['step', input.fastest.step], ['target tracking', input.fastest.targetTracking]] as const) {
    if (fastest && !fastest.meetsGoal && fastest.policy.kind !== winner.policy.kind) {
      lines.push(`No ${family} policy meets the goal: the fastest (${describePolicy(fastest.policy)}, max ${fastest.max}) ${outcome(fastest)}${fastest.policy.kind === 'target-tracking' ? `, because its alarm waits for ${fastest.policy.scaleOutDatapoints} one-minute datapoints before launching anything` : ''}.`);
    }
  }
  return lines;
}

function goalText(goal: TuningGoal): string {
  const parts: string[] = [];
  if (goal.maxDrainSeconds !== undefined) parts.push(`drain within ${formatDuration(goal.maxDrainSeconds)}`);
  if (goal.maxP95LatencySeconds !== undefined) parts.push(`p95 job latency within ${formatDuration(goal.maxP95LatencySeconds)}`);
  return parts.join(' and ');
}

function outcome(candidate: CandidateResult): string {
  return `drains in ${formatDuration(candidate.worstDrainSeconds)}, p95 latency ${formatDuration(candidate.worstP95Seconds)}`;
}

function verdict(candidate: CandidateResult, goal: TuningGoal): string {
  if (candidate.meetsGoal) return `meets the goal for ${usd(candidate.meanExtraUsd)} a run beyond the minimum fleet`;
  const misses: string[] = [];
  if (goal.maxDrainSeconds !== undefined && candidate.worstDrainSeconds > goal.maxDrainSeconds) misses.push(`drain by ${formatDuration(candidate.worstDrainSeconds - goal.maxDrainSeconds)}`);
  if (goal.maxP95LatencySeconds !== undefined && candidate.worstP95Seconds > goal.maxP95LatencySeconds) misses.push(`latency by ${formatDuration(candidate.worstP95Seconds - goal.maxP95LatencySeconds)}`);
  return `misses the goal (${misses.join(', ')})`;
}

function reactionCause(winner: CandidateResult): string {
  const policy = winner.policy;
  if (policy.kind === 'step' && policy.periodSeconds < 300) return `: its alarm looks at ${policy.periodSeconds} s averages instead of waiting for a 5-minute one`;
  return '';
}

function stepCause(winner: CandidateResult): string {
  const policy = winner.policy;
  if (policy.kind === 'target-tracking') return ': target tracking asks for ceil(backlog / target) instances in one step, not one per cooldown';
  const add = Math.max(...policy.scaleOut.map((s) => s.add));
  if (add > 1) return `: it adds ${add} at a time instead of one per ${policy.cooldownSeconds < 300 ? '300 s ' : ''}cooldown`;
  if (policy.cooldownSeconds < 300) return `: its cooldown is ${policy.cooldownSeconds} s instead of 300 s`;
  return '';
}

function floorText(baseline: CandidateResult, fleet: Ec2Fleet, max: number): string {
  const work = baseline.runs.reduce((sum, r) => sum + r.workSeconds, 0) / baseline.runs.length;
  const perInstance = (n: number) => work / (n * fleet.concurrencyPerInstance);
  return `The jobs need ${formatDuration(work)} of work: even with all ${baseline.max} instances busy from the start that takes ${formatDuration(perInstance(baseline.max))}${max > baseline.max ? `, with ${max} it takes ${formatDuration(perInstance(max))}` : ''}, before boot (${formatDuration(fleet.bootSeconds)}) and reaction time.`;
}

function meanOf(candidate: CandidateResult, pick: (run: CandidateResult['runs'][number]) => number | undefined): number | undefined {
  const values = candidate.runs.map(pick).filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

const peak = (candidate: CandidateResult) => Math.max(...candidate.runs.map((r) => r.peakInService));
const usd = (amount: number) => `$${amount.toFixed(4)}`;
