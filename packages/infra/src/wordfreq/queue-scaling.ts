import { Duration } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { StepScalingPolicy, TargetTrackingPolicy } from '@wordfreq/core';
import { Construct } from 'constructs';

/*
 * The group's scaling, written from the core's policy objects (the ones the simulator and the tuner
 * run), so what is deployed is what was simulated: no number here is typed a second time.
 */

const statistics: Readonly<Record<StepScalingPolicy['statistic'], string>> = {
  average: cloudwatch.Stats.AVERAGE,
  maximum: cloudwatch.Stats.MAXIMUM,
  minimum: cloudwatch.Stats.MINIMUM,
};

function queueMetric(queue: sqs.IQueue, policy: StepScalingPolicy): cloudwatch.Metric {
  const options = { period: Duration.seconds(policy.periodSeconds), statistic: statistics[policy.statistic] };
  if (policy.metric === 'visible') return queue.metricApproximateNumberOfMessagesVisible(options);
  throw new Error(`step scaling on the "${policy.metric}" metric is not deployable: use the visible-messages metric or target tracking`);
}

/**
 * The seed's kind of policy: per step, one CloudWatch alarm on the jobs queue's visible messages and
 * one simple scaling policy (change in capacity, with the policy's cooldown, which simple scaling
 * enforces after any action as the core's model does).
 */
export class StepQueueScaling extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: { group: autoscaling.AutoScalingGroup; queue: sqs.IQueue; policy: StepScalingPolicy }) {
    super(scope, id);
    const { policy, group, queue } = props;
    const metric = queueMetric(queue, policy);
    const add = (name: string, adjustment: number, threshold: number, comparison: cloudwatch.ComparisonOperator, description: string) => {
      const action = new autoscaling.CfnScalingPolicy(this, `${name}Policy`, {
        autoScalingGroupName: group.autoScalingGroupName,
        policyType: 'SimpleScaling',
        adjustmentType: 'ChangeInCapacity',
        scalingAdjustment: adjustment,
        cooldown: String(policy.cooldownSeconds),
      });
      const alarm = new cloudwatch.Alarm(this, `${name}Alarm`, {
        metric,
        threshold,
        comparisonOperator: comparison,
        evaluationPeriods: policy.evaluationPeriods,
        datapointsToAlarm: policy.datapointsToAlarm,
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
        alarmDescription: description,
      });
      alarm.addAlarmAction({ bind: () => ({ alarmActionArn: action.attrArn }) });
      this.alarms.push(alarm);
    };
    policy.scaleOut.forEach((step, index) =>
      add(`ScaleOut${index}`, step.add, step.atLeast, cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, `jobs waiting >= ${step.atLeast}: add ${step.add} worker(s)`),
    );
    policy.scaleIn.forEach((step, index) =>
      add(`ScaleIn${index}`, -step.remove, step.atMost, cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD, `jobs waiting <= ${step.atMost}: remove ${step.remove} worker(s)`),
    );
  }
}

/**
 * AWS's recommended alternative: target tracking on backlog per instance, the metric math
 * visible messages / GroupInServiceInstances (group metrics are enabled for it). Auto Scaling makes
 * and owns the alarms (3 datapoints out, 15 in), which is what the core's target-tracking model copies.
 */
export class BacklogTargetTracking extends Construct {
  readonly policy: autoscaling.CfnScalingPolicy;

  constructor(scope: Construct, id: string, props: { group: autoscaling.AutoScalingGroup; queue: sqs.IQueue; policy: TargetTrackingPolicy }) {
    super(scope, id);
    const { policy, group, queue } = props;
    this.policy = new autoscaling.CfnScalingPolicy(this, 'Policy', {
      autoScalingGroupName: group.autoScalingGroupName,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        targetValue: policy.targetBacklogPerInstance,
        disableScaleIn: policy.disableScaleIn ?? false,
        customizedMetricSpecification: {
          metrics: [
            {
              id: 'visible',
              returnData: false,
              metricStat: {
                metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: queue.queueName }] },
                stat: 'Sum',
                // Target tracking evaluates one-minute datapoints; the policy's period says so too.
                period: policy.periodSeconds,
              },
            },
            {
              id: 'inService',
              returnData: false,
              metricStat: {
                metric: { namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensions: [{ name: 'AutoScalingGroupName', value: group.autoScalingGroupName }] },
                stat: 'Average',
                period: policy.periodSeconds,
              },
            },
            { id: 'backlogPerInstance', label: 'jobs waiting per in-service worker', expression: 'visible / IF(inService > 0, inService, 1)', returnData: true },
          ],
        },
      },
    });
  }
}
