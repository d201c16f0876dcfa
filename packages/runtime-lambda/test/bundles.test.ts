import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { claimsTableShape, countersTableShape, resultsTableShape } from '@wordfreq/adapters-aws';
import { encodeS3EventKey, toS3EventNotification } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerNames } from '../tsup.config.js';
import { bundleInputFiles, newestMtimeMs } from './bundle-inputs.js';
import { dynamoDbStreamEvent, httpApiEvent, s3CreatedRecord, s3Event, sqsEvent } from './events.js';
import { readZip } from './read-zip.js';
import { receiveMessages } from './sqs-helpers.js';
import { readWholeStream } from './stream-records.js';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
type HandlerName = (typeof handlerNames)[number];

/**
 * Builds the bundles unless every zip is newer than every file they are built from, in this package
 * and in the packages they contain (`npm test` has just built them).
 */
function ensureBundles(): void {
  const newestSource = newestMtimeMs(bundleInputFiles(packageDir));
  const zips = handlerNames.map((n) => join(packageDir, 'dist', 'lambda', `${n}.zip`));
  if (zips.every((z) => existsSync(z) && statSync(z).mtimeMs > newestSource)) return;
  execFileSync('npm', ['run', 'build'], { cwd: packageDir, stdio: 'ignore' });
}

let aws: EmulatedAws;
let deployDir: string;
beforeAll(async () => {
  ensureBundles();
  // What Lambda gets: each zip unpacked in its own directory. Only the AWS SDK is provided from outside
  // (the runtime has it); anything else the bundle forgot to include fails to resolve here.
  deployDir = mkdtempSync(join(tmpdir(), 'wordfreq-lambda-'));
  mkdirSync(join(deployDir, 'node_modules'));
  symlinkSync(join(packageDir, '..', '..', 'node_modules', '@aws-sdk'), join(deployDir, 'node_modules', '@aws-sdk'), 'dir');
  for (const name of handlerNames) {
    const files = readZip(readFileSync(join(packageDir, 'dist', 'lambda', `${name}.zip`)));
    expect([...files.keys()]).toEqual(['index.mjs']);
    mkdirSync(join(deployDir, name));
    writeFileSync(join(deployDir, name, 'index.mjs'), files.get('index.mjs')!);
  }
  aws = await startEmulatedAws();
}, 240_000);
afterAll(async () => {
  await aws?.stop();
  if (deployDir) rmSync(deployDir, { recursive: true, force: true });
});

/** Invokes the unpacked bundle once in a fresh node process; returns its result and its log lines. */
async function invoke(name: HandlerName, event: unknown, env: Record<string, string>) {
  const eventFile = join(deployDir, `${name}-event-${Date.now()}.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const { stdout } = await run(process.execPath, [join(packageDir, 'test', 'invoke-bundle.mjs'), join(deployDir, name, 'index.mjs'), eventFile], {
    cwd: deployDir,
    env: { PATH: process.env.PATH ?? '', ...aws.env(), AWS_LAMBDA_FUNCTION_NAME: `wordfreq-${name}`, ...env },
  });
  const lines = stdout.trim().split('\n');
  const result = lines.find((l) => l.startsWith('RESULT '));
  if (!result) throw new Error(`no result from the ${name} bundle:\n${stdout}`);
  const parsed = JSON.parse(result.slice('RESULT '.length)) as { ok: boolean; result?: unknown; error?: string };
  if (!parsed.ok) throw new Error(`the ${name} bundle's handler failed: ${parsed.error}\n${stdout}`);
  const logs = lines.filter((l) => !l.startsWith('RESULT ')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { result: parsed.result, logs };
}

describe('the built bundles, unpacked from their zips and run in a fresh node process', () => {
  it('each bundle imports only the @aws-sdk packages of the adapters its handler uses', () => {
    // The SDK is most of a cold start: a bundle that imports a client it never calls pays for it anyway.
    const sdkImports = (name: HandlerName) => {
      const code = readFileSync(join(deployDir, name, 'index.mjs'), 'utf8');
      const specifiers = [...code.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*["'](@aws-sdk\/[^"']+)["']/g)].map((m) => m[1]!);
      return [...new Set(specifiers)].sort();
    };
    expect(Object.fromEntries(handlerNames.map((name) => [name, sdkImports(name)]))).toEqual({
      jobs: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-sqs', '@aws-sdk/lib-dynamodb', '@aws-sdk/lib-storage'],
      backup: ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
      visit: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
      milestone: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sesv2', '@aws-sdk/lib-dynamodb'],
      posts: ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
      'corpus-plan': ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
      'corpus-map': ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
      'corpus-reduce': ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-sqs', '@aws-sdk/lib-dynamodb', '@aws-sdk/lib-storage'],
    });
  });

  it('visit counts, and milestone mails from the stream records those visits made', async () => {
    const [counters, claims] = await Promise.all([aws.createTable({ ...countersTableShape, prefix: 'visits' }), aws.createTable({ ...claimsTableShape, prefix: 'claims' })]);
    const to = `bundle+${counters.name}@mytravel.example`;
    const env = {
      WORDFREQ_COUNTERS_TABLE: counters.name,
      WORDFREQ_CLAIMS_TABLE: claims.name,
      WORDFREQ_MILESTONES: '2',
      WORDFREQ_MAIL_FROM: 'noreply@mytravel.example',
      WORDFREQ_MAIL_TO: to,
    };
    const first = await invoke('visit', httpApiEvent('POST', '/visits/home'), env);
    expect(first.result).toMatchObject({ statusCode: 200, body: JSON.stringify({ page: 'home', pageVisits: 1, totalVisits: 1 }) });
    await invoke('visit', httpApiEvent('POST', '/visits/about'), env);
    const read = await invoke('visit', httpApiEvent('GET', '/visits/home'), env);
    expect(read.result).toMatchObject({ statusCode: 200, body: JSON.stringify({ page: 'home', pageVisits: 1, totalVisits: 2 }) });

    const records = await readWholeStream(aws.clients.dynamodbStreams, counters.streamArn!);
    const milestone = await invoke('milestone', dynamoDbStreamEvent(records, counters.streamArn!), env);
    expect(milestone.result).toEqual({ batchItemFailures: [] });
    expect(milestone.logs).toContainEqual(expect.objectContaining({ message: 'milestone handled', outcome: 'sent', requestId: 'req-bundle-0001', service: 'milestone' }));
    expect(milestone.logs).toContainEqual(expect.objectContaining({ MilestoneMailsSent: 1, Service: 'lambda-milestone' }));
    const mails = (await aws.readSentMail()).filter((m) => m.destination.to.includes(to));
    expect(mails.map((m) => m.subject)).toEqual(['Congratulations: MyTravel has passed 2 visits']);
  }, 120_000);

  it('backup copies an upload named in an S3 notification', async () => {
    const [primary, backup] = await Promise.all([aws.createBucket('posts'), aws.createBucket('backup')]);
    const key = 'día 1/café.txt';
    const out = await aws.clients.s3.send(new PutObjectCommand({ Bucket: primary, Key: key, Body: 'bica e pastel' }));
    await invoke('backup', s3Event([s3CreatedRecord(primary, encodeS3EventKey(key), 13, out.ETag!.replace(/"/g, ''))]), { WORDFREQ_BACKUP_BUCKET: backup });
    const copy = await aws.clients.s3.send(new GetObjectCommand({ Bucket: backup, Key: key }));
    expect(await copy.Body!.transformToString()).toBe('bica e pastel');
  }, 60_000);

  it('jobs counts the file of a message received from the queue', async () => {
    const [bucket, jobs, results, table] = await Promise.all([
      aws.createBucket('uploads'),
      aws.createQueue({ prefix: 'jobs' }),
      aws.createQueue({ prefix: 'results', maxReceiveCount: null }),
      aws.createTable({ ...resultsTableShape, prefix: 'results' }),
    ]);
    const out = await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a b.txt', Body: 'to be or not to be' }));
    await aws.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: jobs.url, MessageBody: toS3EventNotification([{ bucket, key: 'a b.txt', size: 18, etag: out.ETag!.replace(/"/g, '') }]) }),
    );
    const messages = await receiveMessages(aws.clients.sqs, jobs.url, 1);
    const env = { WORDFREQ_JOB_QUEUE: jobs.url, WORDFREQ_DEAD_LETTER_QUEUE: jobs.deadLetter!.url, WORDFREQ_RESULTS_QUEUE: results.url, WORDFREQ_RESULTS_TABLE: table.name, WORDFREQ_BUCKET: bucket };
    const { result, logs } = await invoke('jobs', sqsEvent(messages, jobs.name), env);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(logs).toContainEqual(expect.objectContaining({ message: 'job succeeded', filename: `${bucket}/a b.txt`, totalWords: 6 }));
    const published = await receiveMessages(aws.clients.sqs, results.url, 1);
    const message = JSON.parse(published[0]!.Body!) as { filename: string; words: unknown[]; workerId: string };
    expect(message.filename).toBe(`${bucket}/a b.txt`);
    expect(message.words).toEqual([{ word: 'be', count: 2 }, { word: 'to', count: 2 }, { word: 'not', count: 1 }, { word: 'or', count: 1 }]);
    expect(message.workerId).toBe('lambda:wordfreq-jobs');
  }, 60_000);

  it('a bundle whose environment is incomplete fails its init, listing every missing variable', async () => {
    const failed = await run(process.execPath, [join(packageDir, 'test', 'invoke-bundle.mjs'), join(deployDir, 'milestone', 'index.mjs'), '/dev/null'], {
      cwd: deployDir,
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1' },
    }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).not.toBe(0);
    const line = JSON.parse(failed!.stdout.trim().split('\n')[0]!) as { level: string; problems: string[] };
    expect(line.level).toBe('error');
    expect(line.problems.map((p) => p.split(' ')[0])).toEqual(['WORDFREQ_CLAIMS_TABLE', 'WORDFREQ_MILESTONES', 'WORDFREQ_MAIL_FROM', 'WORDFREQ_MAIL_TO']);
  }, 30_000);
});

describe('the posts bundle', () => {
  it('creates a post on s3rver, whose presigned POST uploads the photo, and then lists it', async () => {
    const bucket = await aws.createBucket('posts');
    const env = { WORDFREQ_BUCKET: bucket, WORDFREQ_SITE_ORIGIN: 'https://mytravel.example' };
    const create = httpApiEvent('POST', '/posts', { body: JSON.stringify({ title: 'Sintra', place: 'Portugal', text: 'Fog and palaces.', photo: { contentType: 'image/png', size: 4 } }) });
    create.headers['content-type'] = 'application/json';
    const created = await invoke('posts', create, env);
    const response = created.result as { statusCode: number; body: string };
    expect(response.statusCode).toBe(201);
    const { post, upload } = JSON.parse(response.body) as { post: { id: string }; upload: { url: string; fields: Record<string, string> } };
    expect(upload.url).toBe(`${aws.endpoints.s3}/${bucket}`);
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])]), 'sintra.png');
    expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBe(204);
    const listed = await invoke('posts', httpApiEvent('GET', '/posts'), env);
    const page = JSON.parse((listed.result as { body: string }).body) as { posts: { id: string; title: string }[] };
    expect(page.posts.map((p) => [p.id, p.title])).toEqual([[post.id, 'Sintra']]);
  }, 60_000);
});
