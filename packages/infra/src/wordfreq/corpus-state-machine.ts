import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { BundledFunction } from '../common/bundled-function.js';
import { dataRemovalPolicy } from '../common/data-retention.js';

export interface CorpusStateMachineProps {
  /** The bucket corpora are read from (the uploads bucket; the plan refuses any other). */
  readonly source: s3.IBucket;
  /** Where each run keeps its manifests and partial counts (`corpus-runs/<run>/...`); see the stack. */
  readonly work: s3.IBucket;
  readonly results: sqs.IQueue;
  readonly table: dynamodb.ITable;
  /** Child executions of the counting Map at once (Distributed Map allows up to 10,000; default 100). */
  readonly maxConcurrency?: number;
  /** Failed parts (batches) tolerated before the run fails, in percent (default 0: any failure fails the run). */
  readonly toleratedFailurePercentage?: number;
  /** Parts per child execution (ItemBatcher MaxItemsPerBatch, default 4). */
  readonly partsPerBatch?: number;
  /** Partial counts one reduce invocation merges (default 64); more parts add a level of merges. */
  readonly reduceFanIn?: number;
  /** Target bytes of a part in MiB (default the core's, sized for the map function's memory). */
  readonly partMiB?: number;
  readonly logRetention: logs.RetentionDays;
  readonly dev: boolean;
}

/** A child execution's input, at most: the batcher packs items up to this (256 KiB is the hard limit). */
export const maxInputBytesPerBatch = 240 * 1024;

/**
 * Throttling and Lambda's own faults, retried with exponential backoff and full jitter; TransientError
 * is the handlers' own S3/DynamoDB/SQS throttling or network fault, retried the same way. Any other
 * error (a bad request, a part that cannot be counted) fails at once: a retry cannot change it.
 */
export const retriedErrors = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'TransientError',
] as const;

/**
 * A corpus job (issue 15) on Step Functions: plan (list the prefix, cut it into parts, write the
 * manifest to S3) -> a Distributed Map whose S3 item reader reads that manifest and whose item
 * batcher hands each child execution a few parts, counted by the map function with ranged GETs, each
 * part's partial counts written to S3 -> when there are more parts than one reduce merges, a second
 * Distributed Map of merges (groups of `reduceFanIn` partials) -> the final reduce, which stores the
 * corpus result in the results table and publishes it on the results queue, as any job's.
 *
 * The maps discard their children's outputs (ResultPath null): the partial counts travel through S3
 * at keys the run and the part id fix, so no state carries more than a manifest's location, whatever
 * the corpus's size, and a retried part overwrites its own key. No ResultWriter for the same reason:
 * nothing would read what it writes.
 */
export class CorpusStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly functions: { readonly plan: BundledFunction; readonly map: BundledFunction; readonly reduce: BundledFunction };
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CorpusStateMachineProps) {
    super(scope, id);
    const common = { logRetention: props.logRetention, dev: props.dev };
    const partsPerBatch = props.partsPerBatch ?? 4;
    const tolerated = props.toleratedFailurePercentage ?? 0;
    const work = { WORDFREQ_CORPUS_BUCKET: props.work.bucketName };
    const plan = new BundledFunction(this, 'PlanFunction', {
      ...common,
      name: 'corpus-plan',
      description: 'wordfreq corpus: lists the corpus and writes the manifest of its parts',
      // Listing a million objects is a thousand ListObjectsV2 pages and a plan of a million entries.
      timeout: Duration.minutes(15),
      memorySize: 1024,
      environment: {
        ...work,
        WORDFREQ_ALLOWED_BUCKETS: props.source.bucketName,
        WORDFREQ_CORPUS_FAN_IN: String(props.reduceFanIn ?? 64),
        // A batch of manifest items (and its BatchInput, well under 1 KiB) must fit the batcher's limit.
        WORDFREQ_CORPUS_ITEM_BYTES: String(Math.floor((maxInputBytesPerBatch - 1024) / partsPerBatch)),
        ...(props.partMiB === undefined ? {} : { WORDFREQ_CORPUS_PART_MB: String(props.partMiB) }),
      },
    });
    const map = new BundledFunction(this, 'MapFunction', {
      ...common,
      name: 'corpus-map',
      description: 'wordfreq corpus: counts a batch of parts (ranged GETs) and writes their partial counts',
      // 1,769 MB is one full vCPU: the counter is single-threaded and CPU-bound.
      memorySize: 1769,
      timeout: Duration.minutes(5),
      environment: { ...work, WORDFREQ_ALLOWED_BUCKETS: props.source.bucketName },
    });
    const reduce = new BundledFunction(this, 'ReduceFunction', {
      ...common,
      name: 'corpus-reduce',
      description: 'wordfreq corpus: merges partial counts; the last merge stores and publishes the corpus result',
      // Holds the union of its inputs' distinct words; CPU grows with memory too.
      memorySize: 3008,
      timeout: Duration.minutes(15),
      environment: {
        ...work,
        WORDFREQ_RESULTS_TABLE: props.table.tableName,
        WORDFREQ_RESULTS_QUEUE: props.results.queueUrl,
        // Parts the Map tolerated failing leave no partial: reduce what was counted rather than fail.
        WORDFREQ_CORPUS_ALLOW_MISSING_PARTS: String(tolerated > 0),
      },
    });
    this.functions = { plan, map, reduce };

    // Each function's role: exactly what its handler calls (test/least-privilege.test.ts).
    const runs = props.work.arnForObjects('corpus-runs/*');
    plan.allow(['s3:ListBucket'], [props.source.bucketArn]);
    plan.allow(['s3:GetObject'], [props.source.arnForObjects('*')]);
    plan.allow(['s3:PutObject'], [runs]);
    map.allow(['s3:GetObject'], [props.source.arnForObjects('*')]);
    map.allow(['s3:ListBucket'], [props.source.bucketArn]);
    map.allow(['s3:PutObject'], [runs]);
    reduce.allow(['s3:GetObject', 's3:PutObject'], [runs]);
    reduce.allow(['s3:ListBucket'], [props.work.bucketArn]);
    reduce.allow(['dynamodb:PutItem', 'dynamodb:UpdateItem'], [props.table.tableArn]);
    reduce.allow(['sqs:SendMessage'], [props.results.queueArn]);

    const invoke = (stateId: string, fn: BundledFunction, payload?: sfn.TaskInput) => {
      const task = new tasks.LambdaInvoke(this, stateId, {
        lambdaFunction: fn.function,
        payloadResponseOnly: true,
        retryOnServiceExceptions: false, // the retry below covers them, throttling included
        ...(payload ? { payload } : {}),
      });
      task.addRetry({ errors: [...retriedErrors], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6, maxDelay: Duration.minutes(1), jitterStrategy: sfn.JitterType.FULL });
      return task;
    };

    const planStep = invoke('Plan', plan, sfn.TaskInput.fromObject({ request: sfn.JsonPath.entirePayload, runId: sfn.JsonPath.executionName }));
    const count = new sfn.DistributedMap(this, 'CountParts', {
      label: 'CountParts',
      itemReader: new sfn.S3JsonItemReader({ bucket: props.work, key: sfn.JsonPath.stringAt('$.manifest.key') }),
      itemBatcher: new sfn.ItemBatcher({
        maxItemsPerBatch: partsPerBatch,
        maxInputBytesPerBatch,
        batchInput: { 'runId.$': '$.runId' },
      }),
      maxConcurrency: props.maxConcurrency ?? 100,
      // 0 is Step Functions' default and CDK renders no field for it: any failed batch fails the run.
      ...(tolerated > 0 ? { toleratedFailurePercentage: tolerated } : {}),
      resultPath: sfn.JsonPath.DISCARD,
    });
    count.itemProcessor(invoke('CountBatch', map));
    const merge = new sfn.DistributedMap(this, 'MergeGroups', {
      label: 'MergeGroups',
      itemReader: new sfn.S3JsonItemReader({ bucket: props.work, key: sfn.JsonPath.stringAt('$.groups.key') }),
      itemSelector: { 'runId.$': '$.runId', 'group.$': '$$.Map.Item.Value' },
      maxConcurrency: props.maxConcurrency ?? 100,
      resultPath: sfn.JsonPath.DISCARD,
    });
    merge.itemProcessor(invoke('MergeGroup', reduce, sfn.TaskInput.fromObject({ mode: 'merge', runId: sfn.JsonPath.stringAt('$.runId'), group: sfn.JsonPath.objectAt('$.group') })));
    const finish = invoke('Reduce', reduce, sfn.TaskInput.fromObject({ mode: 'final', plan: sfn.JsonPath.entirePayload }));
    // One group: the final reduce merges the parts' partials itself; more: each group is merged first.
    const tree = new sfn.Choice(this, 'MoreThanOneGroup')
      .when(sfn.Condition.numberGreaterThan('$.groups.count', 1), merge.next(finish))
      .otherwise(finish);

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: dataRemovalPolicy(props.dev) });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: 'wordfreq corpus job: plan -> count parts (Distributed Map) -> [merge groups] -> reduce',
      definitionBody: sfn.DefinitionBody.fromChainable(planStep.next(count).next(tree)),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: Duration.hours(24),
      tracingEnabled: true,
      // Every event, without the states' data: inputs name the corpus's keys, and a 1 TB run has thousands.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
  }

  /** The dashboard's corpus widgets: executions succeeded and failed, and how long they take. */
  widgets(): cloudwatch.IWidget[] {
    const sum = { statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) };
    return [
      new cloudwatch.GraphWidget({ title: 'corpus jobs succeeded / failed', left: [this.stateMachine.metricSucceeded(sum), this.stateMachine.metricFailed(sum)] }),
      new cloudwatch.GraphWidget({ title: 'corpus job duration (ms)', left: [this.stateMachine.metricTime({ statistic: cloudwatch.Stats.p(90), period: Duration.minutes(5) })] }),
    ];
  }
}
