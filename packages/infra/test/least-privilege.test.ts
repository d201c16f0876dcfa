// Least privilege, proven against the code: the real handlers and the real worker run on emulated
// AWS through SDK clients that record every call; each role in the template must allow exactly
// those calls (plus what AWS services do with the role, listed below with why) on those resources.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createContainer, startWorker, workerConfigFromEnv } from '@wordfreq/runtime-ec2';
import type { CorpusPart } from '@wordfreq/core';
import {
  backupHandlerFromEnv,
  corpusMapHandlerFromEnv,
  corpusPlanHandlerFromEnv,
  corpusReduceHandlerFromEnv,
  jobsHandlerFromEnv,
  milestoneHandlerFromEnv,
  postsHandlerFromEnv,
  visitHandlerFromEnv,
} from '@wordfreq/runtime-lambda';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envFileMarker } from '../src/wordfreq/worker-user-data.js';
import { covers, neededFor, type GrantedStatement, type Needed } from './support/iam-actions.js';
import { httpApiEvent, lambdaContext, s3CreatedEvent, siteTotalRecord, sqsEvent } from './support/lambda-events.js';
import { recordingClients, type RecordedCall } from './support/recording-clients.js';
import { SampleValues, sampleAccount, sampleRegion } from './support/sample-values.js';
import { deployToEmulators } from './support/emulated-deploy.js';
import { type TemplateJson } from './support/synth.js';
import { heredoc, resourceByPrefix, resourceWith, userDataScript } from './support/template-lookup.js';

/** Actions AWS offers no resource-level permission for: the only ones granted on `*`. */
const noResourceLevel = new Set(['dynamodb:ListStreams']);

let aws: EmulatedAws;
const queueUrls = new Map<string, string>();

beforeAll(async () => {
  aws = await startEmulatedAws();
});
afterAll(async () => {
  await aws?.stop();
});

/** Creates a template's buckets, queues and tables in the emulators under their sample names. */
const deploy = (name: string) => deployToEmulators(aws, name, queueUrls);

/** ARNs of what the recorded calls named, in the sample account (the emulators' names are the template's). */
function arnsFor() {
  const byUrl = new Map([...queueUrls].map(([queueName, url]) => [url, queueName]));
  return {
    queueByUrl: (url: string) => `arn:aws:sqs:${sampleRegion}:${sampleAccount}:${byUrl.get(url) ?? `unknown-queue(${url})`}`,
    bucket: (bucketName: string) => `arn:aws:s3:::${bucketName}`,
    table: (tableName: string) => `arn:aws:dynamodb:${sampleRegion}:${sampleAccount}:table/${tableName}`,
    sesIdentity: (address: string) => `arn:aws:ses:${sampleRegion}:${sampleAccount}:identity/${address}`,
  };
}

/** Every Allow statement of a role's policies, resources resolved; the role must have no other policy. */
function grantedTo(json: TemplateJson, samples: SampleValues, roleId: string): GrantedStatement[] {
  const role = json.Resources[roleId];
  expect(role?.Type).toBe('AWS::IAM::Role');
  expect(role?.Properties.ManagedPolicyArns, `${roleId} has managed policies`).toBeUndefined();
  expect(role?.Properties.Policies, `${roleId} has inline policies`).toBeUndefined();
  const policies = Object.values(json.Resources).filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === roleId));
  const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[]; Resource: unknown; NotAction?: unknown; NotResource?: unknown }[]);
  return statements.map((s) => {
    expect(s.Effect).toBe('Allow');
    expect(s.NotAction ?? s.NotResource).toBeUndefined();
    const resources = samples.resolve(s.Resource);
    return { actions: [s.Action].flat(), resources: [resources].flat() };
  });
}

/** The check itself: nothing missing, nothing extra, no wildcard actions, `*` only where AWS has nothing narrower. */
function expectExactly(role: string, granted: readonly GrantedStatement[], fromCode: readonly Needed[], fromAws: readonly Needed[]): void {
  const needed = [...fromCode, ...fromAws];
  expect(fromCode.length, `${role}: the code made no AWS call at all`).toBeGreaterThan(0);
  for (const statement of granted) {
    for (const action of statement.actions) expect(action, `${role}: wildcard action`).not.toMatch(/\*|\?/);
    for (const resource of statement.resources) {
      if (resource === '*') expect(statement.actions.every((a) => noResourceLevel.has(a)), `${role}: * resource for ${statement.actions.join(', ')}`).toBe(true);
    }
  }
  const missing = needed.filter((n) => !granted.some((s) => s.actions.includes(n.action) && s.resources.some((r) => covers(r, n.resource))));
  expect(missing.map((n) => `${n.action} on ${n.resource} (${n.why})`), `${role}: calls its role does not allow`).toEqual([]);
  const extra = granted.flatMap((s) => s.actions.flatMap((action) => s.resources.filter((r) => !needed.some((n) => n.action === action && covers(r, n.resource))).map((r) => `${action} on ${r}`)));
  expect(extra, `${role}: grants nothing in the code or the platform uses`).toEqual([]);
}

function roleOfFunction(json: TemplateJson, functionId: string): string {
  return json.Resources[functionId]?.Properties.Role['Fn::GetAtt'][0];
}

/** Lambda writes the function's logs with its role: to its own log group. */
function lambdaLogging(json: TemplateJson, samples: SampleValues, functionId: string): Needed[] {
  const group = samples.resolve(json.Resources[functionId]?.Properties.LoggingConfig.LogGroup);
  const stream = `arn:aws:logs:${sampleRegion}:${sampleAccount}:log-group:${group}:log-stream:2026/01/01/[$LATEST]abc`;
  return ['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({ action, resource: stream, why: 'Lambda ships the function\'s stdout' }));
}

const mapNeeded = (calls: readonly RecordedCall[]) => calls.flatMap((call) => neededFor(call, arnsFor()));
const lambdaEnv = (samples: SampleValues, json: TemplateJson, functionId: string) => ({
  ...samples.resolve(json.Resources[functionId]?.Properties.Environment.Variables),
  AWS_REGION: sampleRegion,
  AWS_LAMBDA_FUNCTION_NAME: functionId,
});
const quiet = { writeLine: () => {} };

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Takes every message off a queue (PurgeQueue allows one call a minute). */
async function emptyQueue(url: string): Promise<void> {
  for (;;) {
    const out = await aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!out.Messages?.length) return;
    for (const m of out.Messages) await aws.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
  }
}

async function tableItems(table: string): Promise<number> {
  return (await aws.clients.dynamodb.send(new ScanCommand({ TableName: table }))).Count ?? 0;
}

describe('the EC2 instance role (ec2-seed)', () => {
  it('allows exactly what the worker, its user data and the CloudWatch agent call', async () => {
    const { json, samples } = await deploy('ec2-seed');
    const script = userDataScript(json, (value) => samples.resolve(value));
    const env = Object.fromEntries(heredoc(script, envFileMarker).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).replace('${INSTANCE_ID}', 'i-0test')]));
    const uploads = samples.nameOf(resourceByPrefix(json, 'AWS::S3::Bucket', 'Uploads')[0]);
    const jobsUrl = env.WORKER_QUEUE_URL as string;
    const dlqUrl = env.WORKER_DEAD_LETTER_QUEUE_URL as string;
    await emptyQueue(jobsUrl);
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: uploads, Key: 'books/a.txt', Body: 'the quick brown fox jumps over the lazy dog the end' }));
    for (const body of [JSON.stringify({ bucket: uploads, key: 'books/a.txt' }), JSON.stringify({ bucket: uploads, key: 'books/missing.txt' }), 'not a job']) {
      await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: jobsUrl, MessageBody: body }));
    }
    const recorder = recordingClients(aws.endpoints);
    try {
      // The worker as systemd starts it, from the user data's environment; metrics sampled every second
      // rather than every minute, so that the queue-depth sampler's call happens within the test.
      const config = workerConfigFromEnv({ ...env, WORKER_WAIT_SECONDS: '1', WORKER_METRICS_INTERVAL_SECONDS: '1' });
      // The first results send fails: the row saved as sent is flagged unpublished again (UpdateItem).
      recorder.failNextSendTo(env.WORKER_RESULT_QUEUE_URL as string);
      const worker = await startWorker(config, { container: createContainer(config, { awsClients: recorder.clients, ...quiet }) });
      await until('two results and one dead letter', async () => (await tableItems('wordfreq')) >= 2 && recorder.calls.some((c) => c.input.QueueUrl === dlqUrl && c.command === 'SendMessageCommand'));
      await until('a queue-depth sample', async () => recorder.calls.some((c) => c.command === 'GetQueueAttributesCommand'));
      await until('a failed send flagged unpublished', async () => recorder.calls.some((c) => c.command === 'UpdateItemCommand'));
      await worker.drain();
      // A job still running at a hard stop is handed back to the queue (visibility 0).
      const slow = workerConfigFromEnv({ ...env, WORKER_WAIT_SECONDS: '1', WORKER_JOB_DELAY_SECONDS: '30' });
      const slowWorker = await startWorker(slow, { container: createContainer(slow, { awsClients: recorder.clients, ...quiet }) });
      await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: jobsUrl, MessageBody: JSON.stringify({ bucket: uploads, key: 'books/a.txt' }) }));
      await until('a job in flight', async () => slowWorker.status().inFlight > 0);
      await slowWorker.stopNow();
    } finally {
      recorder.destroy();
    }
    const roleId = resourceByPrefix(json, 'AWS::IAM::Role', 'FleetInstanceRole')[0];
    const asset = /aws s3 cp 's3:\/\/([^/]+)\/([^']+)'/.exec(script);
    const hook = /--auto-scaling-group-name '([^']+)'/.exec(script);
    const logGroup = /"log_group_name":"([^"]+)"/.exec(script);
    expect(asset && hook && logGroup, 'the user data downloads the asset, completes the hook and configures the agent').toBeTruthy();
    expect(hook?.[1]).toBe(resourceByPrefix(json, 'AWS::AutoScaling::AutoScalingGroup', 'Fleet')[1].Properties.AutoScalingGroupName);
    const fromAws: Needed[] = [
      { action: 's3:GetObject', resource: `arn:aws:s3:::${asset?.[1]}/${asset?.[2]}`, why: 'user data: aws s3 cp of the code asset' },
      { action: 'autoscaling:CompleteLifecycleAction', resource: `arn:aws:autoscaling:${sampleRegion}:${sampleAccount}:autoScalingGroup:0a1b2c3d-0000-4000-8000-000000000000:autoScalingGroupName/${hook?.[1]}`, why: 'drain watcher: aws autoscaling complete-lifecycle-action' },
      ...['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'].map((action) => ({ action, resource: `arn:aws:logs:${sampleRegion}:${sampleAccount}:log-group:${logGroup?.[1]}:log-stream:i-0test`, why: 'CloudWatch agent shipping the worker log' })),
    ];
    const fromCode = mapNeeded(recorder.calls);
    expect(new Set(fromCode.map((n) => n.action))).toEqual(new Set(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:SendMessage', 's3:GetObject', 's3:ListBucket', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Scan']));
    expectExactly('instance role', grantedTo(json, samples, roleId), fromCode, fromAws);
  });
});

describe('the jobs function (lambda)', () => {
  it('allows exactly what the handler and its event source mapping call', async () => {
    const { json, samples } = await deploy('lambda');
    const [fnId] = resourceByPrefix(json, 'AWS::Lambda::Function', 'JobsFunction');
    const env = lambdaEnv(samples, json, fnId);
    const uploads = samples.nameOf(resourceByPrefix(json, 'AWS::S3::Bucket', 'Uploads')[0]);
    const [jobsId] = resourceWith(json, 'AWS::SQS::Queue', 'QueueName', 'wordfreq-jobs');
    const jobsUrl = samples.queueUrlOf(jobsId);
    await emptyQueue(jobsUrl);
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: uploads, Key: 'books/b.txt', Body: 'lambda counts words too words words' }));
    const receive = async (bodies: string[]) => {
      for (const body of bodies) await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: jobsUrl, MessageBody: body }));
      const out = await aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: jobsUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 60 }));
      return out.Messages ?? [];
    };
    const recorder = recordingClients(aws.endpoints);
    try {
      const handler = jobsHandlerFromEnv({ ...env, WORDFREQ_JOB_DELAY_SECONDS: '0' }, { clients: recorder.clients, ...quiet });
      const batch = await receive([JSON.stringify({ bucket: uploads, key: 'books/b.txt' }), JSON.stringify({ bucket: uploads, key: 'books/gone.txt' }), '{"neither": "job"}']);
      expect(batch).toHaveLength(3);
      expect((await handler(sqsEvent(samples.arnOf(jobsId), batch), lambdaContext())).batchItemFailures).toEqual([]);
      // Too little time left: the records are released for another invocation.
      const late = await receive([JSON.stringify({ bucket: uploads, key: 'books/b.txt' })]);
      const response = await handler(sqsEvent(samples.arnOf(jobsId), late), lambdaContext(1_000));
      expect(response.batchItemFailures).toHaveLength(1);
      // A results send that fails: the row saved as sent is flagged unpublished again, the record retried.
      recorder.failNextSendTo(env.WORDFREQ_RESULTS_QUEUE as string);
      const unsent = await receive([JSON.stringify({ bucket: uploads, key: 'books/b.txt' })]);
      // (The record released above may be in this batch too; every record whose send failed is retried.)
      expect((await handler(sqsEvent(samples.arnOf(jobsId), unsent), lambdaContext())).batchItemFailures.length).toBeGreaterThanOrEqual(1);
    } finally {
      recorder.destroy();
    }
    const jobsArn = samples.arnOf(jobsId);
    const fromAws: Needed[] = [
      ...['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'].map((action) => ({ action, resource: jobsArn, why: 'the SQS event source mapping polls and deletes with the role' })),
      ...lambdaLogging(json, samples, fnId),
    ];
    const fromCode = mapNeeded(recorder.calls);
    // DeleteMessage too: an unreadable message is deleted by the handler once it is on the dead-letter queue.
    expect(new Set(fromCode.map((n) => n.action))).toEqual(new Set(['s3:GetObject', 's3:ListBucket', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage']));
    expectExactly('jobs function', grantedTo(json, samples, roleOfFunction(json, fnId)), fromCode, fromAws);
  });
});

describe('the MyTravel functions (mytravel)', () => {
  it('backup: allows exactly the copy of an upload and its failure destination', async () => {
    const { json, samples } = await deploy('mytravel');
    const [fnId] = resourceByPrefix(json, 'AWS::Lambda::Function', 'BackupFunction');
    const primary = samples.nameOf(resourceByPrefix(json, 'AWS::S3::Bucket', 'Primary')[0]);
    const body = 'a travel post';
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: primary, Key: 'posts/lisbon day 1.txt', Body: body, ContentType: 'text/plain' }));
    const recorder = recordingClients(aws.endpoints);
    try {
      const handler = backupHandlerFromEnv(lambdaEnv(samples, json, fnId), { clients: recorder.clients, ...quiet });
      await handler(s3CreatedEvent(primary, 'posts/lisbon day 1.txt', body.length), lambdaContext());
      await handler(s3CreatedEvent(primary, 'posts/lisbon day 1.txt', body.length), lambdaContext()); // a redelivery: already there
      await handler(s3CreatedEvent(primary, 'posts/deleted before its copy.txt', 10), lambdaContext()); // skipped with a warning
    } finally {
      recorder.destroy();
    }
    const [, invokeConfig] = resourceByPrefix(json, 'AWS::Lambda::EventInvokeConfig', 'BackupFunction');
    const failures = samples.resolve(invokeConfig.Properties.DestinationConfig.OnFailure.Destination);
    const fromAws: Needed[] = [{ action: 'sqs:SendMessage', resource: failures, why: 'Lambda sends an event that failed every retry to the on-failure queue' }, ...lambdaLogging(json, samples, fnId)];
    const fromCode = mapNeeded(recorder.calls);
    expect(new Set(fromCode.map((n) => n.action))).toEqual(new Set(['s3:GetObject', 's3:PutObject', 's3:ListBucket']));
    expectExactly('backup function', grantedTo(json, samples, roleOfFunction(json, fnId)), fromCode, fromAws);
  });

  it('visit: allows exactly the counter update (POST) and read (GET), through the API stage CloudFront forwards to', async () => {
    const { json, samples } = await deploy('mytravel');
    const [fnId] = resourceByPrefix(json, 'AWS::Lambda::Function', 'VisitFunction');
    const stage = resourceByPrefix(json, 'AWS::ApiGatewayV2::Stage', 'VisitApi')[1].Properties.StageName;
    const recorder = recordingClients(aws.endpoints);
    try {
      const handler = visitHandlerFromEnv(lambdaEnv(samples, json, fnId), { clients: recorder.clients, ...quiet });
      // CloudFront's /api/visits/* behaviour forwards the path as is; the stage is named after the prefix.
      expect((await handler(httpApiEvent('POST', `/${stage}/visits/lisbon`, stage), lambdaContext())).statusCode).toBe(200);
      expect((await handler(httpApiEvent('GET', `/${stage}/visits/lisbon`, stage), lambdaContext())).statusCode).toBe(200);
    } finally {
      recorder.destroy();
    }
    const fromCode = mapNeeded(recorder.calls);
    expect(new Set(fromCode.map((n) => n.action))).toEqual(new Set(['dynamodb:UpdateItem', 'dynamodb:GetItem']));
    expectExactly('visit function', grantedTo(json, samples, roleOfFunction(json, fnId)), fromCode, lambdaLogging(json, samples, fnId));
  });

  it('milestone: allows exactly the claim, the mail from the SES identity, and its stream mapping', async () => {
    const { json, samples } = await deploy('mytravel');
    const [fnId] = resourceByPrefix(json, 'AWS::Lambda::Function', 'MilestoneFunction');
    const [, mapping] = resourceByPrefix(json, 'AWS::Lambda::EventSourceMapping', 'MilestoneFromStream');
    const streamArn = samples.resolve(mapping.Properties.EventSourceArn) as string;
    const recorder = recordingClients(aws.endpoints);
    try {
      const handler = milestoneHandlerFromEnv(lambdaEnv(samples, json, fnId), { clients: recorder.clients, ...quiet });
      const crossing = siteTotalRecord(streamArn, 999_999, 1_000_000, '100');
      expect((await handler(crossing, lambdaContext())).batchItemFailures).toEqual([]);
      expect((await handler(crossing, lambdaContext())).batchItemFailures).toEqual([]); // redelivered: claimed and sent already
    } finally {
      recorder.destroy();
    }
    expect((await aws.readSentMail()).length).toBe(1);
    const fromAws: Needed[] = [
      ...['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'].map((action) => ({ action, resource: streamArn, why: 'the stream event source mapping reads with the role' })),
      { action: 'dynamodb:ListStreams', resource: '*', why: 'the stream event source mapping (no resource-level permission)' },
      { action: 'sqs:SendMessage', resource: samples.resolve(mapping.Properties.DestinationConfig.OnFailure.Destination), why: 'the mapping sends batches that failed every retry to the on-failure queue' },
      ...lambdaLogging(json, samples, fnId),
    ];
    const fromCode = mapNeeded(recorder.calls);
    // Scan: the recovery sweep after each batch, looking for claims whose mail was never sent.
    expect(new Set(fromCode.map((n) => n.action))).toEqual(new Set(['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Scan', 'ses:SendEmail']));
    expectExactly('milestone function', grantedTo(json, samples, roleOfFunction(json, fnId)), fromCode, fromAws);
  });

  it('posts: allows exactly reading and writing posts/ in the primary bucket, and the photo upload it signs', async () => {
    const { json, samples } = await deploy('mytravel');
    const [fnId] = resourceByPrefix(json, 'AWS::Lambda::Function', 'PostsFunction');
    const primary = samples.nameOf(resourceByPrefix(json, 'AWS::S3::Bucket', 'Primary')[0]);
    const stage = resourceByPrefix(json, 'AWS::ApiGatewayV2::Stage', 'VisitApi')[1].Properties.StageName;
    const request = (method: string, path: string, body?: unknown) => {
      const event = httpApiEvent(method, `/${stage}${path}`, stage);
      event.headers = { 'content-type': 'application/json' };
      if (body !== undefined) event.body = JSON.stringify(body);
      return event;
    };
    const recorder = recordingClients(aws.endpoints);
    let photoKey = '';
    let postId = '';
    try {
      const handler = postsHandlerFromEnv(lambdaEnv(samples, json, fnId), { clients: recorder.clients, ...quiet });
      // CloudFront's /api/* behaviour forwards /api/posts as is, like the visits.
      const created = await handler(request('POST', '/posts', { title: 'Lisbon', place: 'Lisbon', text: 'day one', photo: { contentType: 'image/webp', size: 3 } }), lambdaContext());
      expect(created.statusCode).toBe(201);
      const answer = JSON.parse(created.body as string);
      photoKey = answer.upload.fields.key;
      postId = answer.post.id;
      // The browser's upload with the presigned POST (not the function's call: its role authorises it, below).
      await aws.clients.s3.send(new PutObjectCommand({ Bucket: primary, Key: photoKey, Body: new Uint8Array([1, 2, 3]), ContentType: 'image/webp' }));
      expect((await handler(request('GET', '/posts'), lambdaContext())).statusCode).toBe(200);
      expect((await handler(request('GET', `/posts/${postId}`), lambdaContext())).statusCode).toBe(200);
    } finally {
      recorder.destroy();
    }
    expect(photoKey).toBe(`posts/${postId}/photo`);
    const fromAws: Needed[] = [
      { action: 's3:PutObject', resource: `arn:aws:s3:::${primary}/${photoKey}`, why: "S3 honours a presigned POST only while the signer's role may put the object" },
      ...lambdaLogging(json, samples, fnId),
    ];
    const fromCode = mapNeeded(recorder.calls);
    expect(fromCode.every((n) => n.resource === `arn:aws:s3:::${primary}` || n.resource.startsWith(`arn:aws:s3:::${primary}/posts/`)), 'the posts function touches only posts/').toBe(true);
    expectExactly('posts function', grantedTo(json, samples, roleOfFunction(json, fnId)), fromCode, fromAws);
  });
});

describe('the corpus functions (lambda)', () => {
  it('plan, map and reduce each allow exactly what their handler calls', async () => {
    const { json, samples } = await deploy('lambda');
    const uploads = samples.nameOf(resourceByPrefix(json, 'AWS::S3::Bucket', 'Uploads')[0]);
    const [planId] = resourceByPrefix(json, 'AWS::Lambda::Function', 'CorpusPlan');
    const [mapId] = resourceByPrefix(json, 'AWS::Lambda::Function', 'CorpusMap');
    const [reduceId] = resourceByPrefix(json, 'AWS::Lambda::Function', 'CorpusReduce');
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: uploads, Key: 'shelf/a.txt', Body: 'the corpus counts the whole shelf' }));
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: uploads, Key: 'shelf/big.txt', Body: 'many words here '.repeat(150_000) }));
    const recorders = { plan: recordingClients(aws.endpoints), map: recordingClients(aws.endpoints), reduce: recordingClients(aws.endpoints) };
    const runId = 'least-privilege-run';
    try {
      const plan = corpusPlanHandlerFromEnv({ ...lambdaEnv(samples, json, planId), WORDFREQ_CORPUS_PART_MB: '1' }, { clients: recorders.plan.clients, ...quiet });
      const map = corpusMapHandlerFromEnv(lambdaEnv(samples, json, mapId), { clients: recorders.map.clients, ...quiet });
      const reduce = corpusReduceHandlerFromEnv(lambdaEnv(samples, json, reduceId), { clients: recorders.reduce.clients, ...quiet });
      await plan({ request: { bucket: uploads, key: 'shelf/a.txt' }, runId: `${runId}-key` }, lambdaContext()); // one object: a HEAD
      const planned = await plan({ request: { bucket: uploads, prefix: 'shelf/' }, runId }, lambdaContext());
      expect(planned.totals.parts).toBeGreaterThan(2);
      const manifest = await aws.clients.s3.send(new GetObjectCommand({ Bucket: planned.manifest.bucket, Key: planned.manifest.key }));
      const parts = JSON.parse(await manifest.Body!.transformToString()) as CorpusPart[];
      await map({ BatchInput: { runId }, Items: parts }, lambdaContext());
      // An object deleted between plan and count: S3 answers 404, not 403, thanks to ListBucket.
      const gone = { id: 'p99999-00000000', bytes: 3, slices: [{ bucket: uploads, key: 'shelf/deleted.txt', start: 0, end: 3, size: 3 }] };
      await expect(map({ BatchInput: { runId }, Items: [gone] }, lambdaContext())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const ids = parts.map((p) => p.id);
      await reduce({ mode: 'merge', runId, group: { id: 'g00000', parts: ids } }, lambdaContext());
      await expect(reduce({ mode: 'merge', runId, group: { id: 'g00001', parts: ['p99999-00000000'] } }, lambdaContext())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // A results send that fails: the corpus row saved as sent is flagged unpublished, and the retry sends it.
      recorders.reduce.failNextSendTo(lambdaEnv(samples, json, reduceId).WORDFREQ_RESULTS_QUEUE as string);
      await expect(reduce({ mode: 'final', plan: planned }, lambdaContext())).rejects.toThrow(/throttled/);
      const done = await reduce({ mode: 'final', plan: planned }, lambdaContext());
      expect(done).toMatchObject({ mode: 'final', result: { filename: `${uploads}/shelf/*`, totalWords: 6 + 450_000 } });
    } finally {
      for (const recorder of Object.values(recorders)) recorder.destroy();
    }
    const expectRole = (name: string, fnId: string, calls: readonly RecordedCall[], actions: string[]) => {
      const fromCode = mapNeeded(calls);
      expect(new Set(fromCode.map((n) => n.action)), name).toEqual(new Set(actions));
      expectExactly(name, grantedTo(json, samples, roleOfFunction(json, fnId)), fromCode, lambdaLogging(json, samples, fnId));
    };
    expectRole('corpus-plan function', planId, recorders.plan.calls, ['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expectRole('corpus-map function', mapId, recorders.map.calls, ['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expectRole('corpus-reduce function', reduceId, recorders.reduce.calls, ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'sqs:SendMessage']);
  });
});
