import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { resultsTableShape } from '@wordfreq/adapters-aws';
import { defaultResourceNames, seedFleet, seedStepPolicy, type StepScalingPolicy, type TargetTrackingPolicy } from '@wordfreq/core';
import { workerDefaults } from '@wordfreq/runtime-ec2';
import type { Construct } from 'constructs';
import { AlarmTopic, emfMetric } from '../common/alarm-topic.js';
import { deadLetterRetention, encryptedQueue } from '../common/encrypted-queue.js';
import { logBucket, secureBucket } from '../common/secure-bucket.js';
import { tableFromShape } from '../common/table-from-shape.js';
import { CorpusStateMachine } from './corpus-state-machine.js';
import { JobsFunction } from './jobs-function.js';
import { WorkerFleet } from './worker-fleet.js';

export type WorkerRuntime = 'ec2' | 'lambda';

export interface WordFreqStackProps extends StackProps {
  /** Who counts the files: an EC2 Auto Scaling group of runtime-ec2 workers, or the jobs Lambda function. */
  readonly runtime: WorkerRuntime;
  /** ec2: the core's policy object the group scales by (default the seed's step policy). */
  readonly scalingPolicy?: StepScalingPolicy | TargetTrackingPolicy;
  /** ec2: Spot instances above one on-demand instance (default false). */
  readonly spot?: boolean;
  /** ec2: group size (default the seed's 1..3). */
  readonly minInstances?: number;
  readonly maxInstances?: number;
  /** ec2: instance types, the first for the launch template, all of them for Spot (default t4g.micro, t4g.small). */
  readonly instanceTypes?: readonly string[];
  /** ec2: jobs per instance at once, WORKER_COUNT (default 2, a t4g.micro's vCPUs). */
  readonly workerConcurrency?: number;
  /** Artificial delay per job in seconds, like the course's 10 (default 0). */
  readonly jobDelaySeconds?: number;
  /** lambda: the event source mapping's maximum concurrency (default 10; 2..1000). */
  readonly lambdaMaxConcurrency?: number;
  /** lambda: function timeout in seconds (default 60; the queue's visibility is 6x this). */
  readonly lambdaTimeoutSeconds?: number;
  /** lambda: memory in MB (default 1024: CPU grows with memory, counting is CPU-bound). */
  readonly lambdaMemoryMb?: number;
  /** Corpus jobs: child executions of the counting Distributed Map at once (default 100; at most 10,000). */
  readonly corpusMaxConcurrency?: number;
  /** Corpus jobs: failed batches of parts tolerated, in percent (default 0: one failure fails the job). */
  readonly corpusToleratedFailurePercentage?: number;
  /** Alarm when the oldest job has waited this long (default 900 s). */
  readonly oldestJobAlarmSeconds?: number;
  /** Subscribe this address to the alarm topic. */
  readonly alarmEmail?: string;
  /** A fixed name for the uploads bucket (default: generated, as bucket names are global). */
  readonly uploadsBucketName?: string;
  /** Log retention (default one month). */
  readonly logRetention?: logs.RetentionDays;
  /** Development deployment: buckets, tables and logs are deleted with the stack (default false: kept). */
  readonly dev?: boolean;
}

/** The jobs queue's redrive: 5 receives, as the seed (and `npm run local`) has it. */
export const maxReceiveCount = 5;

/**
 * WordFreq: uploads bucket -> S3 notification -> jobs queue (dead letters after 5 receives) -> EC2
 * workers or the jobs function -> results table `wordfreq` and results queue; a dashboard and alarms.
 */
export class WordFreqStack extends Stack {
  readonly uploads: s3.Bucket;
  readonly fleet?: WorkerFleet;
  readonly jobsFunction?: JobsFunction;
  readonly corpus: CorpusStateMachine;
  /** Corpus jobs' manifests and partial counts, expired after a week. */
  readonly corpusWork: s3.Bucket;
  readonly alarms: AlarmTopic;

  constructor(scope: Construct, id: string, props: WordFreqStackProps) {
    super(scope, id, props);
    const dev = props.dev ?? false;
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    const names = defaultResourceNames;
    const lambdaTimeout = Duration.seconds(props.lambdaTimeoutSeconds ?? 60);
    const delay = String(props.jobDelaySeconds ?? 0);

    const logs_ = logBucket(this, 'Logs', { dev, retentionDays: 90 });
    this.uploads = secureBucket(this, 'Uploads', {
      dev,
      accessLogs: { bucket: logs_, prefix: 'uploads' },
      ...(props.uploadsBucketName === undefined ? {} : { bucketName: props.uploadsBucketName }),
    });
    const deadLetters = encryptedQueue(this, 'DeadLetters', { dev, queueName: names.deadLetterQueue, retentionPeriod: deadLetterRetention });
    const jobs = encryptedQueue(this, 'Jobs', {
      dev,
      queueName: names.jobQueue,
      // EC2: the worker's own visibility (the heartbeat extends it); Lambda: AWS's advice, 6x the timeout.
      visibilityTimeout: props.runtime === 'lambda' ? Duration.seconds(lambdaTimeout.toSeconds() * 6) : Duration.seconds(workerDefaults.visibilitySeconds),
      retentionPeriod: deadLetterRetention,
      deadLetterQueue: { queue: deadLetters, maxReceiveCount },
    });
    const results = encryptedQueue(this, 'Results', { dev, queueName: names.resultsQueue, retentionPeriod: deadLetterRetention });
    // Adds the queue policy that lets exactly this bucket (aws:SourceArn) send to the queue.
    this.uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(jobs));
    const table = tableFromShape(this, 'ResultsTable', resultsTableShape, { tableName: names.resultsTable, dev });

    new CfnOutput(this, 'UploadsBucketName', { value: this.uploads.bucketName, description: 'upload text files here (npx wordfreq upload <bucket> ...)' });
    new CfnOutput(this, 'JobQueueUrl', { value: jobs.queueUrl });

    this.alarms = new AlarmTopic(this, 'Alarms', props.alarmEmail === undefined ? {} : { email: props.alarmEmail });
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `${this.stackName}-wordfreq` });
    const maximum = { statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(1) };
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'jobs queue depth', left: [jobs.metricApproximateNumberOfMessagesVisible(maximum), jobs.metricApproximateNumberOfMessagesNotVisible(maximum)] }),
      new cloudwatch.GraphWidget({ title: 'oldest job (s)', left: [jobs.metricApproximateAgeOfOldestMessage(maximum)] }),
      new cloudwatch.GraphWidget({ title: 'dead letters', left: [deadLetters.metricApproximateNumberOfMessagesVisible(maximum)] }),
      new cloudwatch.GraphWidget({ title: 'results table throttles', left: [table.metricThrottledRequestsForOperations({ operations: [dynamodb.Operation.PUT_ITEM], period: Duration.minutes(5) })] }),
    );

    // Corpus jobs (issue 15) run whichever runtime counts single files: Lambda, on Step Functions.
    this.corpusWork = secureBucket(this, 'CorpusWork', {
      dev,
      accessLogs: { bucket: logs_, prefix: 'corpus-work' },
      // A run's partial counts are needed only until its reduce has finished; a week leaves time to look.
      lifecycleRules: [{ id: 'expire-corpus-runs', prefix: 'corpus-runs/', expiration: Duration.days(7) }],
    });
    this.corpus = new CorpusStateMachine(this, 'Corpus', {
      source: this.uploads,
      work: this.corpusWork,
      results,
      table,
      logRetention,
      dev,
      ...(props.corpusMaxConcurrency === undefined ? {} : { maxConcurrency: props.corpusMaxConcurrency }),
      ...(props.corpusToleratedFailurePercentage === undefined ? {} : { toleratedFailurePercentage: props.corpusToleratedFailurePercentage }),
    });
    new CfnOutput(this, 'CorpusStateMachineArn', { value: this.corpus.stateMachine.stateMachineArn, description: 'npx wordfreq corpus s3://<uploads>/<prefix> --state-machine <this> --wait' });
    dashboard.addWidgets(...this.corpus.widgets());
    this.alarms.add('CorpusJobsFailedAlarm', {
      alarmDescription: 'a corpus job failed: open the execution in the Step Functions console (its Map Run lists the failed parts)',
      metric: this.corpus.stateMachine.metricFailed({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    this.alarms.add('DeadLettersAlarm', {
      alarmDescription: 'a job is in the dead-letter queue: read its reason attribute, fix, redrive',
      metric: deadLetters.metricApproximateNumberOfMessagesVisible(maximum),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    const oldest = props.oldestJobAlarmSeconds ?? 900;
    this.alarms.add('OldestJobAlarm', {
      alarmDescription: `a job has waited more than ${oldest} s: workers are down, too few or failing`,
      metric: jobs.metricApproximateAgeOfOldestMessage(maximum),
      threshold: oldest,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });

    if (props.runtime === 'ec2') {
      const fleet = new WorkerFleet(this, 'Fleet', {
        uploads: this.uploads,
        jobs,
        deadLetters,
        results,
        table,
        logBucket: logs_,
        notifications: this.alarms.topic,
        minInstances: props.minInstances ?? seedFleet.min,
        maxInstances: props.maxInstances ?? seedFleet.max,
        instanceTypes: props.instanceTypes ?? ['t4g.micro', 't4g.small'],
        spot: props.spot ?? false,
        policy: props.scalingPolicy ?? seedStepPolicy,
        // The worker dead-letters on the queue's last receive itself (with the reason): the same count.
        workerSettings: { WORKER_COUNT: String(props.workerConcurrency ?? 2), WORKER_JOB_DELAY_SECONDS: delay, WORKER_MAX_RECEIVES: String(maxReceiveCount) },
        visibilitySeconds: workerDefaults.visibilitySeconds,
        graceSeconds: workerDefaults.gracePeriodMs / 1000,
        logRetention,
        dev,
      });
      this.fleet = fleet;
      const service = 'wordfreq-worker';
      dashboard.addWidgets(
        new cloudwatch.GraphWidget({ title: 'jobs done / failed', left: [emfMetric(service, 'JobsSucceeded'), emfMetric(service, 'JobsFailed')] }),
        new cloudwatch.GraphWidget({ title: 'worker errors', left: [emfMetric(service, 'JobErrors'), emfMetric(service, 'ReceiveErrors')] }),
        new cloudwatch.GraphWidget({ title: 'job duration (ms)', left: [emfMetric(service, 'JobDuration', cloudwatch.Stats.p(90))] }),
        new cloudwatch.GraphWidget({
          title: 'workers in service',
          left: [new cloudwatch.Metric({ namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensionsMap: { AutoScalingGroupName: fleet.group.autoScalingGroupName }, statistic: cloudwatch.Stats.AVERAGE })],
        }),
      );
      this.alarms.add('WorkerErrorsAlarm', {
        alarmDescription: 'the EC2 workers report job errors (transient failures being retried)',
        metric: emfMetric(service, 'JobErrors').with({ period: Duration.minutes(5) }),
        threshold: 10,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    } else {
      const jobsFunction = new JobsFunction(this, 'JobsFunction', {
        uploads: this.uploads,
        jobs,
        deadLetters,
        results,
        table,
        timeout: lambdaTimeout,
        memorySize: props.lambdaMemoryMb ?? 1024,
        maxConcurrency: props.lambdaMaxConcurrency ?? 10,
        settings: { WORDFREQ_JOB_DELAY_SECONDS: delay, WORDFREQ_MAX_RECEIVES: String(maxReceiveCount) },
        logRetention,
        dev,
      });
      this.jobsFunction = jobsFunction;
      const fn = jobsFunction.bundled.function;
      const service = 'lambda-jobs';
      dashboard.addWidgets(
        new cloudwatch.GraphWidget({ title: 'jobs done / failed', left: [emfMetric(service, 'JobsSucceeded'), emfMetric(service, 'JobsFailed')] }),
        new cloudwatch.GraphWidget({ title: 'jobs function errors / throttles', left: [fn.metricErrors(), fn.metricThrottles()] }),
        new cloudwatch.GraphWidget({ title: 'jobs function duration (ms)', left: [fn.metricDuration({ statistic: cloudwatch.Stats.p(90) })] }),
        new cloudwatch.GraphWidget({ title: 'concurrent executions', left: [fn.metric('ConcurrentExecutions', { statistic: cloudwatch.Stats.MAXIMUM })] }),
      );
      this.alarms.add('JobsFunctionErrorsAlarm', {
        alarmDescription: 'the jobs function fails invocations (its batches are retried)',
        metric: fn.metricErrors({ period: Duration.minutes(5) }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
  }
}

