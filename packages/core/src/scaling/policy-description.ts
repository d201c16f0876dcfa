import type { Deployment, Ec2ScalingPolicy } from './deployment.js';
import { formatSeconds } from './scaling-decision.js';

/** One line a person can check against the console: what triggers, by how much, how often. */
export function describePolicy(policy: Ec2ScalingPolicy): string {
  if (policy.kind === 'target-tracking') {
    const cooldowns = `cooldowns out ${formatSeconds(policy.scaleOutCooldownSeconds)} / in ${formatSeconds(policy.scaleInCooldownSeconds)}`;
    return `target tracking: ${round(policy.targetBacklogPerInstance)} visible messages per instance (out after ${policy.scaleOutDatapoints} x ${formatSeconds(policy.periodSeconds)} above, in after ${policy.scaleInDatapoints} below ${round(policy.targetBacklogPerInstance * policy.scaleInThresholdRatio)}), ${cooldowns}`;
  }
  const metric = policy.metric === 'visible' ? 'visible' : 'backlog/instance';
  const out = policy.scaleOut.map((s) => `+${s.add} at >= ${s.atLeast}`).join(', ') || 'never out';
  const inn = policy.scaleIn.map((s) => `-${s.remove} at <= ${s.atMost}`).join(', ') || 'never in';
  const alarm = `${policy.statistic} over ${formatSeconds(policy.periodSeconds)}, ${policy.datapointsToAlarm} of ${policy.evaluationPeriods} datapoints`;
  return `step: ${out} ${metric}, ${inn} (${alarm}), ${formatSeconds(policy.cooldownSeconds)} cooldown`;
}

export function describeDeployment(deployment: Deployment): string {
  if (deployment.kind === 'lambda') {
    const l = deployment.lambda;
    return `Lambda: up to ${l.concurrencyLimit} concurrent, +${l.scaleUpPerMinute}/min from ${l.initialConcurrency}, ${formatSeconds(l.coldStartSeconds)} cold start, ${l.memoryMb} MB`;
  }
  const f = deployment.fleet;
  return `${describePolicy(deployment.policy)}; ${f.min}-${f.max} instances, ${formatSeconds(f.bootSeconds)} boot, ${f.concurrencyPerInstance} job${f.concurrencyPerInstance === 1 ? '' : 's'} at a time each`;
}

const round = (value: number) => Math.round(value * 10) / 10;
