// The corpus state machine as synthesised: the Distributed Map fields aws-local-stepfunctions ignores
// (ItemReader, ItemBatcher, ProcessorConfig, ToleratedFailurePercentage, Label) and what the run
// cannot show (retries' backoff, logging, tracing, the dashboard), asserted on the template.
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { CorpusStateMachine, maxInputBytesPerBatch, retriedErrors } from '../src/wordfreq/corpus-state-machine.js';
import { SampleValues, sampleAccount, sampleRegion } from './support/sample-values.js';
import { templateOf, type TemplateJson } from './support/synth.js';
import { resourceByPrefix } from './support/template-lookup.js';

type State = Record<string, any>;

function definitionOf(json: TemplateJson, stackName: string): { States: Record<string, State>; StartAt: string } {
  const [, machine] = resourceByPrefix(json, 'AWS::StepFunctions::StateMachine', 'Corpus');
  const samples = new SampleValues(json, { region: sampleRegion, account: sampleAccount, stackName });
  return JSON.parse(samples.resolve(machine.Properties.DefinitionString) as string);
}

describe.each(['lambda', 'ec2-seed'])('the corpus state machine in the WordFreq stack (%s)', (variant) => {
  const { template, json, stackName } = templateOf(variant);
  const definition = definitionOf(json, stackName);
  const samples = new SampleValues(json, { region: sampleRegion, account: sampleAccount, stackName });
  const work = samples.nameOf(resourceByPrefix(json, 'AWS::S3::Bucket', 'CorpusWork')[0]);

  it('plans, counts the parts in a Distributed Map over the S3 manifest, merges groups when there are several, reduces', () => {
    expect(definition.StartAt).toBe('Plan');
    const { Plan, CountParts, MoreThanOneGroup, MergeGroups, Reduce } = definition.States;
    expect(Plan).toMatchObject({ Type: 'Task', Next: 'CountParts', Parameters: { 'request.$': '$', 'runId.$': '$$.Execution.Name' } });
    expect(CountParts).toMatchObject({
      Type: 'Map',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'CountBatch' },
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: work, 'Key.$': '$.manifest.key' } },
      ItemBatcher: { MaxItemsPerBatch: 4, MaxInputBytesPerBatch: maxInputBytesPerBatch, BatchInput: { 'runId.$': '$.runId' } },
      MaxConcurrency: 100,
      ResultPath: null,
      Label: 'CountParts',
      Next: 'MoreThanOneGroup',
    });
    // Tolerated failures: none by default (the field absent is Step Functions' 0).
    expect(CountParts.ToleratedFailurePercentage).toBeUndefined();
    expect(CountParts.ToleratedFailureCount).toBeUndefined();
    expect(maxInputBytesPerBatch).toBeLessThanOrEqual(256 * 1024);
    expect(MoreThanOneGroup).toMatchObject({ Type: 'Choice', Choices: [{ Variable: '$.groups.count', NumericGreaterThan: 1, Next: 'MergeGroups' }], Default: 'Reduce' });
    expect(MergeGroups).toMatchObject({
      Type: 'Map',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'MergeGroup' },
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: work, 'Key.$': '$.groups.key' } },
      ItemSelector: { 'runId.$': '$.runId', 'group.$': '$$.Map.Item.Value' },
      ResultPath: null,
      Next: 'Reduce',
    });
    expect(MergeGroups.ItemBatcher).toBeUndefined();
    expect(MergeGroups.ItemProcessor.States.MergeGroup.Parameters).toEqual({ mode: 'merge', 'runId.$': '$.runId', 'group.$': '$.group' });
    expect(Reduce).toMatchObject({ Type: 'Task', End: true, Parameters: { mode: 'final', 'plan.$': '$' } });
  });

  it('retries every Lambda task on throttling and Lambda faults with exponential backoff and full jitter, nothing else', () => {
    const tasks = [definition.States.Plan, definition.States.CountParts.ItemProcessor.States.CountBatch, definition.States.MergeGroups.ItemProcessor.States.MergeGroup, definition.States.Reduce];
    for (const task of tasks) {
      expect(task.Resource).toMatch(/^arn:aws:lambda:us-east-1:123456789012:function:/);
      expect(task.Retry).toEqual([{ ErrorEquals: [...retriedErrors], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' }]);
    }
    expect(retriedErrors).toContain('Lambda.TooManyRequestsException');
  });

  it('logs every event to its own log group, traces with X-Ray, and times out a stuck run after a day', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }] },
    });
    expect(definition).toMatchObject({ TimeoutSeconds: 24 * 3600 });
  });

  it('gives each function its own role, memory and timeout, and the state machine leave to start its own child executions', () => {
    const fn = (prefix: string) => resourceByPrefix(json, 'AWS::Lambda::Function', prefix)[1].Properties;
    expect(fn('CorpusPlan')).toMatchObject({ MemorySize: 1024, Timeout: 900, Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    expect(fn('CorpusMap')).toMatchObject({ MemorySize: 1769, Timeout: 300 });
    expect(fn('CorpusReduce')).toMatchObject({ MemorySize: 3008, Timeout: 900 });
    const roles = new Set(['CorpusPlan', 'CorpusMap', 'CorpusReduce'].map((p) => fn(p).Role['Fn::GetAtt'][0]));
    expect(roles.size).toBe(3);
    expect(samples.resolve(fn('CorpusPlan').Environment.Variables)).toMatchObject({ WORDFREQ_CORPUS_BUCKET: work, WORDFREQ_CORPUS_FAN_IN: '64', WORDFREQ_CORPUS_ITEM_BYTES: String(Math.floor((maxInputBytesPerBatch - 1024) / 4)) });
    expect(samples.resolve(fn('CorpusReduce').Environment.Variables)).toMatchObject({ WORDFREQ_RESULTS_TABLE: 'wordfreq', WORDFREQ_CORPUS_ALLOW_MISSING_PARTS: 'false' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution' })]) },
    });
  });

  it('expires the runs’ work files after a week, and shows executions and their duration on the dashboard', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [{ Id: 'expire-corpus-runs', Prefix: 'corpus-runs/', ExpirationInDays: 7, Status: 'Enabled' }] },
    });
    const [, dashboard] = resourceByPrefix(json, 'AWS::CloudWatch::Dashboard', 'Dashboard');
    const body = String(samples.resolve(dashboard.Properties.DashboardBody));
    for (const metric of ['ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionTime']) expect(body).toContain(`"AWS/States","${metric}"`);
    expect(body).toContain('corpus jobs succeeded / failed');
  });
});

describe('the CorpusStateMachine construct with its props set', () => {
  it('renders max concurrency, tolerated failures and batch size from its props', () => {
    const stack = new Stack(new App(), 'Props');
    const bucket = new s3.Bucket(stack, 'Source');
    new CorpusStateMachine(stack, 'Corpus', {
      source: bucket,
      work: new s3.Bucket(stack, 'Work'),
      results: new sqs.Queue(stack, 'Results'),
      table: new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'Filename', type: dynamodb.AttributeType.STRING } }),
      maxConcurrency: 2000,
      toleratedFailurePercentage: 5,
      partsPerBatch: 2,
      reduceFanIn: 100,
      logRetention: logs.RetentionDays.ONE_WEEK,
      dev: true,
    });
    const json = Template.fromStack(stack).toJSON() as TemplateJson;
    const definition = definitionOf(json, 'Props');
    expect(definition.States.CountParts).toMatchObject({ MaxConcurrency: 2000, ToleratedFailurePercentage: 5, ItemBatcher: { MaxItemsPerBatch: 2 } });
    expect(definition.States.MergeGroups).toMatchObject({ MaxConcurrency: 2000 });
    const samples = new SampleValues(json, { region: sampleRegion, account: sampleAccount, stackName: 'Props' });
    const env = (prefix: string) => samples.resolve(resourceByPrefix(json, 'AWS::Lambda::Function', prefix)[1].Properties.Environment.Variables);
    expect(env('CorpusPlan')).toMatchObject({ WORDFREQ_CORPUS_FAN_IN: '100', WORDFREQ_CORPUS_ITEM_BYTES: String(Math.floor((maxInputBytesPerBatch - 1024) / 2)) });
    expect(env('CorpusReduce')).toMatchObject({ WORDFREQ_CORPUS_ALLOW_MISSING_PARTS: 'true' });
  });
});
