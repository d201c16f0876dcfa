// The group's scaling in the template is the core's policy objects (one source of truth): the
// numbers the simulator and the tuner run are the numbers deployed.
import { backlogTarget, seedFleet, seedStepPolicy, targetTrackingPolicy } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { templateOf } from './support/synth.js';
import { variant } from './support/variants.js';

function resources(name: string, type: string) {
  return Object.entries(templateOf(name).json.Resources).filter(([, r]) => r.Type === type);
}

describe.each(['ec2-seed', 'ec2-seed-spot'])('the seed step policy in %s', (name) => {
  const alarms = () => resources(name, 'AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.Namespace === 'AWS/SQS' && a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(a.Properties.AlarmActions).includes('Scal'));
  const policyOf = (alarm: { Properties?: { AlarmActions: { 'Fn::GetAtt': [string, string] }[] } }) => {
    const [action] = alarm.Properties?.AlarmActions ?? [];
    return templateOf(name).json.Resources[action?.['Fn::GetAtt'][0] as string]?.Properties;
  };

  it('has one alarm per step, with the policy\'s metric, statistic, period, datapoints and threshold', () => {
    const found = alarms().map(([, a]) => a.Properties);
    const expected = [
      ...seedStepPolicy.scaleOut.map((step) => ({ ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: step.atLeast })),
      ...seedStepPolicy.scaleIn.map((step) => ({ ComparisonOperator: 'LessThanOrEqualToThreshold', Threshold: step.atMost })),
    ];
    expect(found).toHaveLength(expected.length);
    for (const want of expected) {
      expect(found).toContainEqual(
        expect.objectContaining({
          ...want,
          Statistic: 'Average',
          Period: seedStepPolicy.periodSeconds,
          EvaluationPeriods: seedStepPolicy.evaluationPeriods,
          DatapointsToAlarm: seedStepPolicy.datapointsToAlarm,
        }),
      );
    }
    // The seed's numbers, as the course had them.
    expect([seedStepPolicy.scaleOut[0]?.atLeast, seedStepPolicy.scaleIn[0]?.atMost, seedStepPolicy.periodSeconds, seedStepPolicy.cooldownSeconds]).toEqual([15, 2, 300, 300]);
  });

  it('makes each alarm run a simple scaling policy adding or removing the step\'s instances, with the cooldown', () => {
    const adjustments = alarms().map(([, alarm]) => {
      const policy = policyOf(alarm);
      expect(policy).toMatchObject({ PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', Cooldown: String(seedStepPolicy.cooldownSeconds) });
      return policy.ScalingAdjustment as number;
    });
    expect(adjustments.sort()).toEqual([...seedStepPolicy.scaleOut.map((s) => s.add), ...seedStepPolicy.scaleIn.map((s) => -s.remove)].sort());
  });

  it("sizes the group as the seed's fleet", () => {
    const [, group] = resources(name, 'AWS::AutoScaling::AutoScalingGroup')[0] ?? [];
    expect(group?.Properties).toMatchObject({ MinSize: String(seedFleet.min), MaxSize: String(seedFleet.max) });
  });
});

describe('target tracking in ec2-target', () => {
  const name = 'ec2-target';
  const context = variant(name).context;

  it("tracks the core's backlog-per-instance target, from AWS's formula with the app's defaults", () => {
    // The app's defaults: 300 s acceptable latency, 15 s per job, 2 jobs at once per instance.
    const policy = targetTrackingPolicy(backlogTarget(300, 15, 2));
    expect(context.acceptableLatencySeconds).toBeUndefined();
    const [, scaling] = resources(name, 'AWS::AutoScaling::ScalingPolicy')[0] ?? [];
    const config = scaling?.Properties.TargetTrackingConfiguration;
    expect(scaling?.Properties.PolicyType).toBe('TargetTrackingScaling');
    expect(config.TargetValue).toBe(policy.targetBacklogPerInstance);
    expect(config.DisableScaleIn).toBe(false);
    const metrics = config.CustomizedMetricSpecification.Metrics as { Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: { Metric: { MetricName: string }; Period: number } }[];
    expect(metrics.map((m) => m.MetricStat?.Metric.MetricName ?? m.Expression)).toEqual(['ApproximateNumberOfMessagesVisible', 'GroupInServiceInstances', 'visible / IF(inService > 0, inService, 1)']);
    for (const m of metrics.filter((m) => m.MetricStat)) expect(m.MetricStat?.Period).toBe(policy.periodSeconds);
    expect(metrics.filter((m) => m.ReturnData !== false).map((m) => m.Id)).toEqual(['backlogPerInstance']);
  });

  it('collects the group metric the math divides by, and has no step alarms', () => {
    const [, group] = resources(name, 'AWS::AutoScaling::AutoScalingGroup')[0] ?? [];
    expect(JSON.stringify(group?.Properties.MetricsCollection)).toContain('GroupInServiceInstances');
    expect(resources(name, 'AWS::AutoScaling::ScalingPolicy')).toHaveLength(1);
  });
});
