// The configuration the template gives each piece of code passes that code's own checks, and the
// names, keys and streams the template creates are those the adapters and `npm run local` use.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimsTableShape, countersTableShape, glacierRuleId, resultsTableShape } from '@wordfreq/adapters-aws';
import { defaultResourceNames } from '@wordfreq/core';
import { unknownWorkerVariables, workerConfigFromEnv } from '@wordfreq/runtime-ec2';
import {
  backupConfigFromEnv,
  corpusMapConfigFromEnv,
  corpusPlanConfigFromEnv,
  corpusReduceConfigFromEnv,
  jobsConfigFromEnv,
  milestoneConfigFromEnv,
  postsConfigFromEnv,
  visitConfigFromEnv,
} from '@wordfreq/runtime-lambda';
import { localAwsNames, localJobQueueSettings, localTableShapes } from '@wordfreq/local-aws';
import { describe, expect, it } from 'vitest';
import { domainContext } from './support/variants.js';
import { workerAssetDir } from '../src/common/bundle-paths.js';
import { envFileMarker, workerInstallDir } from '../src/wordfreq/worker-user-data.js';
import { SampleValues, sampleAccount, sampleRegion } from './support/sample-values.js';
import { templateOf } from './support/synth.js';
import { heredoc, resourceByPrefix, resourceWith, userDataScript } from './support/template-lookup.js';

function samplesFor(name: string) {
  const { json, stackName } = templateOf(name);
  return { json, samples: new SampleValues(json, { region: sampleRegion, account: sampleAccount, stackName }) };
}

/** What Lambda adds to every function's environment. */
const lambdaSets = (functionName: string) => ({ AWS_REGION: sampleRegion, AWS_LAMBDA_FUNCTION_NAME: functionName, AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]abc' });

function functionEnv(name: string, prefix: string): { env: Record<string, string>; samples: SampleValues; json: ReturnType<typeof samplesFor>['json'] } {
  const { json, samples } = samplesFor(name);
  const [id, fn] = resourceByPrefix(json, 'AWS::Lambda::Function', prefix);
  return { env: { ...samples.resolve(fn.Properties.Environment.Variables), ...lambdaSets(id) }, samples, json };
}

describe("each Lambda function's environment passes its handler's configuration check", () => {
  it('jobs: the queues, the table and the delay of the template', () => {
    const { env, samples, json } = functionEnv('lambda', 'JobsFunction');
    const config = jobsConfigFromEnv(env);
    const queue = (queueName: string) => samples.queueUrlOf(resourceWith(json, 'AWS::SQS::Queue', 'QueueName', queueName)[0]);
    expect(config.aws.names).toMatchObject({
      jobQueue: queue(defaultResourceNames.jobQueue),
      deadLetterQueue: queue(defaultResourceNames.deadLetterQueue),
      resultsQueue: queue(defaultResourceNames.resultsQueue),
      resultsTable: defaultResourceNames.resultsTable,
    });
    expect(config.job.delayMs).toBe(10_000);
    // Told the queue's maxReceiveCount, so it dead-letters (with the reason) on the redrive's receive.
    const [, jobs] = resourceWith(json, 'AWS::SQS::Queue', 'QueueName', defaultResourceNames.jobQueue);
    expect(env.WORDFREQ_MAX_RECEIVES).toBe(String(jobs.Properties.RedrivePolicy.maxReceiveCount));
    expect(config.job.maxReceives).toBe(jobs.Properties.RedrivePolicy.maxReceiveCount);
  });

  it('backup: the backup bucket, which is not the bucket that triggers it', () => {
    const { env, samples, json } = functionEnv('mytravel', 'BackupFunction');
    const config = backupConfigFromEnv(env);
    expect(config.backupBucket).toBe(samples.nameOf(resourceByPrefix(json, 'AWS::S3::Bucket', 'Backup')[0]));
    expect(config.backupBucket).not.toBe(samples.nameOf(resourceByPrefix(json, 'AWS::S3::Bucket', 'Primary')[0]));
  });

  it('visit: the counters table', () => {
    const { env } = functionEnv('mytravel', 'VisitFunction');
    expect(visitConfigFromEnv(env).aws.names.countersTable).toBe(defaultResourceNames.countersTable);
  });

  it.each(['mytravel', 'mytravel-domain-site-dev'])("posts (%s): the primary bucket and the site's origin", (name) => {
    const { env, samples, json } = functionEnv(name, 'PostsFunction');
    const config = postsConfigFromEnv(env);
    expect(config.posts.bucket).toBe(samples.nameOf(resourceByPrefix(json, 'AWS::S3::Bucket', 'Primary')[0]));
    // The origin CORS answers is where the pages are served: the domain, or else the distribution's own name.
    const [distributionId] = resourceByPrefix(json, 'AWS::CloudFront::Distribution', 'Site');
    const served = name.includes('domain') ? domainContext.domainName : samples.resolve({ 'Fn::GetAtt': [distributionId, 'DomainName'] });
    expect(config.posts.siteOrigin).toBe(`https://${served}`);
  });

    it.each(['mytravel', 'mytravel-domain-site-dev'])('milestone (%s): the claims table, thresholds and addresses', (name) => {
    const { env } = functionEnv(name, 'MilestoneFunction');
    const config = milestoneConfigFromEnv(env);
    expect(config.aws.names.claimsTable).toBe(defaultResourceNames.claimsTable);
    expect(config.thresholds).toEqual([1_000_000]);
    expect(config.mail.from).toBe('hello@mytravel.example');
  });

  it.each(['lambda', 'ec2-seed'])('corpus (%s): the work bucket, the uploads bucket as the only source, the results table and queue', (name) => {
    const plan = functionEnv(name, 'CorpusPlan');
    const work = plan.samples.nameOf(resourceByPrefix(plan.json, 'AWS::S3::Bucket', 'CorpusWork')[0]);
    const uploads = plan.samples.nameOf(resourceByPrefix(plan.json, 'AWS::S3::Bucket', 'Uploads')[0]);
    expect(corpusPlanConfigFromEnv(plan.env)).toMatchObject({ workBucket: work, allowedBuckets: [uploads], fanIn: 64 });
    expect(corpusMapConfigFromEnv(functionEnv(name, 'CorpusMap').env)).toMatchObject({ workBucket: work, allowedBuckets: [uploads] });
    const reduce = corpusReduceConfigFromEnv(functionEnv(name, 'CorpusReduce').env);
    expect(reduce).toMatchObject({ workBucket: work, allowMissingParts: false });
    expect(reduce.aws.names).toMatchObject({ resultsTable: defaultResourceNames.resultsTable, resultsQueue: plan.samples.queueUrlOf(resourceWith(plan.json, 'AWS::SQS::Queue', 'QueueName', defaultResourceNames.resultsQueue)[0]) });
  });

  it('a missing variable fails the same check (so the checks above can fail)', () => {
    const { env } = functionEnv('lambda', 'JobsFunction');
    const { WORDFREQ_RESULTS_QUEUE: _dropped, ...rest } = env;
    expect(() => jobsConfigFromEnv(rest)).toThrow(/WORDFREQ_RESULTS_QUEUE/);
  });
});

describe.each(['ec2-seed', 'ec2-target-spot-dev'])("the EC2 worker's environment in %s's user data", (name) => {
  const read = () => {
    const { json, samples } = samplesFor(name);
    const script = userDataScript(json, (value) => samples.resolve(value));
    const env = Object.fromEntries(
      heredoc(script, envFileMarker).map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1).replace('${INSTANCE_ID}', 'i-0123456789abcdef0')];
      }),
    );
    return { json, samples, script, env };
  };

  it("passes the worker's configuration check, with no variable the worker does not know", () => {
    const { json, samples, env } = read();
    expect(unknownWorkerVariables(env)).toEqual([]);
    const config = workerConfigFromEnv(env);
    const queue = (queueName: string) => samples.queueUrlOf(resourceWith(json, 'AWS::SQS::Queue', 'QueueName', queueName)[0]);
    expect(config).toMatchObject({
      adapters: 'aws',
      region: sampleRegion,
      queueUrl: queue(defaultResourceNames.jobQueue),
      resultQueueUrl: queue(defaultResourceNames.resultsQueue),
      deadLetterQueueUrl: queue(defaultResourceNames.deadLetterQueue),
      resultTable: defaultResourceNames.resultsTable,
      workerId: 'i-0123456789abcdef0',
    });
  });

  it("is told the jobs queue's maxReceiveCount, so it dead-letters (with the reason) on the same receive as the redrive", () => {
    const { json, env } = read();
    const [, jobs] = resourceWith(json, 'AWS::SQS::Queue', 'QueueName', defaultResourceNames.jobQueue);
    expect(env.WORKER_MAX_RECEIVES).toBe(String(jobs.Properties.RedrivePolicy.maxReceiveCount));
    expect(workerConfigFromEnv(env).maxReceives).toBe(jobs.Properties.RedrivePolicy.maxReceiveCount);
  });

  it("matches the jobs queue's visibility timeout and drains within the lifecycle hook and a Spot notice", () => {
    const { json, env } = read();
    const config = workerConfigFromEnv(env);
    const [, jobs] = resourceWith(json, 'AWS::SQS::Queue', 'QueueName', defaultResourceNames.jobQueue);
    expect(config.visibilitySeconds).toBe(jobs.Properties.VisibilityTimeout);
    const drainSeconds = config.gracePeriodMs / 1000 + config.waitSeconds;
    const [, hook] = resourceByPrefix(json, 'AWS::AutoScaling::LifecycleHook', 'Fleet');
    expect(drainSeconds).toBeLessThan(hook.Properties.HeartbeatTimeout);
    expect(drainSeconds).toBeLessThan(120); // the Spot interruption notice
    const unit = readFileSync(join(workerAssetDir(), 'wordfreq-worker.service'), 'utf8');
    expect(drainSeconds).toBeLessThan(Number(/TimeoutStopSec=(\d+)/.exec(unit)?.[1]));
  });

  it("installs runtime-ec2's systemd unit with ExecStart pointed at the bundled daemon", () => {
    const { script } = read();
    const unit = readFileSync(join(workerAssetDir(), 'wordfreq-worker.service'), 'utf8');
    // The user data's sed rewrites these two strings: they must be in the unit as shipped.
    expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/node (--[a-z-]+=\\S+ )*${workerInstallDir}/packages/runtime-ec2/dist/main\\.js --health-port 8080$`, 'm'));
    expect(script).toContain(`s#${workerInstallDir}/packages/runtime-ec2/dist/main.js#${workerInstallDir}/main.mjs#`);
    expect(script).toContain('s/--health-port 8080/--health-port 8080/');
  });
});

describe("the worker asset", () => {
  it('is self-contained: run from a folder with no node_modules, it loads and checks its configuration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wordfreq-worker-asset-'));
    try {
      copyFileSync(join(workerAssetDir(), 'main.mjs'), join(dir, 'main.mjs'));
      const run = spawnSync(process.execPath, [join(dir, 'main.mjs')], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 60_000 });
      // Exit 2 is the worker's own configuration error: every module of the bundle loaded.
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr + run.stdout).toContain('WORKER_QUEUE_URL');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the names, keys and streams agree with the adapters and npm run local (drift)', () => {
  const shapeOf = (resource: { Properties?: any }) => {
    const p = resource.Properties;
    return {
      BillingMode: p.BillingMode,
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      ...(p.StreamSpecification ? { StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType } } : {}),
    };
  };

  it("creates the tables with the adapters' layouts and the default names npm run local uses", () => {
    expect(localAwsNames).toEqual(defaultResourceNames);
    expect(localTableShapes).toEqual({ resultsTable: resultsTableShape, countersTable: countersTableShape, claimsTable: claimsTableShape });
    const wordFreq = templateOf('ec2-seed').json;
    const myTravel = templateOf('mytravel').json;
    expect(shapeOf(resourceWith(wordFreq, 'AWS::DynamoDB::Table', 'TableName', defaultResourceNames.resultsTable)[1])).toEqual(resultsTableShape);
    expect(shapeOf(resourceWith(myTravel, 'AWS::DynamoDB::Table', 'TableName', defaultResourceNames.countersTable)[1])).toEqual(countersTableShape);
    expect(shapeOf(resourceWith(myTravel, 'AWS::DynamoDB::Table', 'TableName', defaultResourceNames.claimsTable)[1])).toEqual(claimsTableShape);
  });

  it("names the queues as the defaults, with npm run local's visibility (EC2) and redrive", () => {
    const json = templateOf('ec2-seed').json;
    for (const queueName of [defaultResourceNames.jobQueue, defaultResourceNames.deadLetterQueue, defaultResourceNames.resultsQueue]) {
      resourceWith(json, 'AWS::SQS::Queue', 'QueueName', queueName);
    }
    const [, jobs] = resourceWith(json, 'AWS::SQS::Queue', 'QueueName', defaultResourceNames.jobQueue);
    expect(jobs.Properties.VisibilityTimeout).toBe(localJobQueueSettings.visibilitySeconds);
    expect(jobs.Properties.RedrivePolicy.maxReceiveCount).toBe(localJobQueueSettings.maxReceiveCount);
  });

  it("gives the backup bucket's Glacier rule the id the S3 adapter's lifecycle update replaces", () => {
    const [, backup] = resourceByPrefix(templateOf('mytravel').json, 'AWS::S3::Bucket', 'Backup');
    const rule = backup.Properties.LifecycleConfiguration.Rules.find((r: { Transitions?: unknown }) => r.Transitions);
    expect(rule.Id).toBe(glacierRuleId);
  });
});
