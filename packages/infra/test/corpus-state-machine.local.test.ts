// The corpus state machine's own definition, taken from the synthesised WordFreq template, run with
// aws-local-stepfunctions (on Node 22+: see support/node22.ts) with its Lambda tasks bound to the
// real handlers, against the emulators. A corpus of a few hundred files and one 300 MB file, cut into
// parts, counted, merged through the reduce tree: the answer must be the single pass's (each file
// counted once on its own, the counts merged). What the runner ignores of the Distributed Map
// (ItemReader, ItemBatcher) the harness stands in for; corpus-state-machine.test.ts asserts those fields.
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { countWords, mergeCounts, summarize, type WordCounts } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBigText, writeText } from './support/corpus-text.js';
import { deployToEmulators } from './support/emulated-deploy.js';
import { node22Binary } from './support/node22.js';
import type { SampleValues } from './support/sample-values.js';
import type { TemplateJson } from './support/synth.js';
import { resourceByPrefix } from './support/template-lookup.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const smallFiles = 300;
const bigBytes = 300 * MiB;

let aws: EmulatedAws;
let dir: string;
let deployed: { json: TemplateJson; samples: SampleValues };
let uploads: string;
let work: string;
const files = new Map<string, string>(); // key -> local file

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['s3', 'sqs', 'dynamodb'] });
  deployed = await deployToEmulators(aws, 'lambda', new Map());
  uploads = deployed.samples.nameOf(resourceByPrefix(deployed.json, 'AWS::S3::Bucket', 'Uploads')[0]);
  work = deployed.samples.nameOf(resourceByPrefix(deployed.json, 'AWS::S3::Bucket', 'CorpusWork')[0]);
  dir = mkdtempSync(join(tmpdir(), 'wordfreq-corpus-sfn-'));
  for (let i = 0; i < smallFiles; i++) {
    // Sizes from empty to 24 KiB; keys with spaces and non-ASCII, as users name files.
    const key = `corpus/small/${i % 7 === 0 ? `día ${i}` : `file-${i}`}.txt`;
    writeText(join(dir, key), i === 0 ? 0 : Math.floor(((i * 7919) % 97) * 256), 1000 + i);
    files.set(key, join(dir, key));
  }
  files.set('corpus/big.txt', join(dir, 'corpus', 'big.txt'));
  await writeBigText(join(dir, 'corpus', 'big.txt'), bigBytes, { blockBytes: 2 * MiB + 12_345, blocks: 12, seed: 7 });
  for (const [key, file] of files) {
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: uploads, Key: key, Body: createReadStream(file), ContentLength: statSync(file).size }));
  }
}, 600_000);

afterAll(async () => {
  await aws?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The single-pass answer: each file counted once on its own, the counts merged (files are never glued). */
async function singlePass(keys: readonly string[]): Promise<WordCounts> {
  let merged: WordCounts | undefined;
  for (const key of keys) {
    const counts = await countWords(createReadStream(files.get(key)!));
    merged = merged ? mergeCounts(merged, counts) : counts;
  }
  return merged!;
}

interface RunReport {
  ok: boolean;
  error?: string;
  node: string;
  output: { mode: string; superseded: boolean; result: Record<string, any> };
  calls: Record<string, number[]>;
  stats: { maps: Record<string, { items: number; batches: number; largestBatchBytes: number }> };
}

/** The template's definition and its functions' environments, the emulators in place of AWS. */
async function runStateMachine(input: unknown, runId: string, envOverrides: Record<string, Record<string, string>>, failOnce: string[] = []): Promise<RunReport> {
  const { json, samples } = deployed;
  const [machineId, machine] = resourceByPrefix(json, 'AWS::StepFunctions::StateMachine', 'Corpus');
  const definition = JSON.parse(samples.resolve(machine.Properties.DefinitionString) as string);
  const functions: Record<string, string> = {};
  const env: Record<string, Record<string, string>> = {};
  for (const name of ['corpus-plan', 'corpus-map', 'corpus-reduce']) {
    const prefix = `Corpus${name.slice('corpus-'.length).replace(/^./, (c) => c.toUpperCase())}`;
    const [fnId, fn] = resourceByPrefix(json, 'AWS::Lambda::Function', prefix);
    functions[samples.arnOf(fnId)] = name;
    env[name] = { ...samples.resolve(fn.Properties.Environment.Variables), AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: fnId, ...envOverrides[name] };
  }
  const jobFile = join(dir, `${runId}.job.json`);
  const context = { Execution: { Id: `${samples.arnOf(machineId).replace(':stateMachine:', ':execution:')}:${runId}`, Name: runId, Input: input, StartTime: new Date().toISOString() } };
  writeFileSync(jobFile, JSON.stringify({ definition, input, context, endpoints: aws.endpoints, functions, env, failOnce }));
  const script = new URL('./support/run-corpus-state-machine.mjs', import.meta.url).pathname;
  const { stdout } = await run(node22Binary(), [script, jobFile], { maxBuffer: 64 * MiB }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`the state machine run failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no RESULT line from the runner:\n${stdout}`);
  return JSON.parse(line.slice('RESULT '.length)) as RunReport;
}

async function keysUnder(bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await aws.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

describe('the corpus state machine, run locally from the synthesised template', () => {
  it('counts a prefix of 300 files and a 300 MB file through parts and a reduce tree, as one pass would', async () => {
    const runId = 'local-prefix-run';
    // 16 MiB parts (the 300 MB file: 19 ranges), small items (the small files: several batched parts),
    // a fan-in of 8 (so there are groups to merge first): every branch of the definition runs.
    const report = await runStateMachine({ bucket: uploads, prefix: 'corpus/' }, runId, {
      'corpus-plan': { WORDFREQ_CORPUS_PART_MB: '16', WORDFREQ_CORPUS_ITEM_BYTES: '8192', WORDFREQ_CORPUS_FAN_IN: '8' },
    }, ['CountBatch']);
    expect(report.error).toBeUndefined();
    expect(Number(report.node.slice(1).split('.')[0])).toBeGreaterThanOrEqual(22);

    const expected = summarize(await singlePass([...files.keys()]), 10);
    const { result } = report.output;
    expect(report.output).toMatchObject({ mode: 'final', superseded: false });
    expect(result).toMatchObject({ filename: `${uploads}/corpus/*`, kind: 'corpus', status: 'succeeded', published: true });
    expect({ words: result.words, totalWords: result.totalWords, distinctWords: result.distinctWords, bytes: result.bytes }).toEqual({
      words: expected.top,
      totalWords: expected.totalWords,
      distinctWords: expected.distinctWords,
      bytes: expected.bytes,
    });
    expect(result.bytes).toBe([...files.values()].reduce((sum, file) => sum + statSync(file).size, 0));

    // The plan's parts, batched at most 4 to a child, each part's partial written once at its own key.
    const count = report.stats.maps.CountParts!;
    expect(result.corpus).toEqual({ parts: count.items, objects: files.size });
    expect(count.items).toBeGreaterThan(Math.ceil(bigBytes / (16 * MiB)));
    expect(count.batches).toBe(Math.ceil(count.items / 4));
    expect(count.largestBatchBytes).toBeLessThanOrEqual(240 * 1024);
    // The injected throttle: the first batch ran twice (its partials overwritten, not added twice).
    expect(report.calls.CountBatch).toHaveLength(count.batches + 1);
    expect(Math.max(...report.calls.CountBatch!)).toBeLessThanOrEqual(4);
    expect(report.calls.CountBatch!.reduce((a, b) => a + b, 0)).toBe(count.items + report.calls.CountBatch![0]!);
    const partials = await keysUnder(work, `corpus-runs/${runId}/partials/`);
    expect(partials).toHaveLength(count.items);
    // Then the tree: ceil(parts / 8) groups merged, and the final reduce over the merged groups.
    const groups = Math.ceil(count.items / 8);
    expect(report.stats.maps.MergeGroups).toMatchObject({ items: groups, batches: 0 });
    expect(report.calls.MergeGroup).toHaveLength(groups);
    expect(await keysUnder(work, `corpus-runs/${runId}/merged/`)).toHaveLength(groups);
    expect(report.calls.Plan).toEqual([1]);
    expect(report.calls.Reduce).toEqual([1]);

    // Stored and published like any result.
    const row = await aws.clients.dynamodb.send(new GetItemCommand({ TableName: 'wordfreq', Key: { Filename: { S: `${uploads}/corpus/*` } }, ConsistentRead: true }));
    expect(row.Item).toMatchObject({ ResultId: { S: result.resultId }, TotalWords: { N: String(expected.totalWords) }, Published: { BOOL: true } });
    const resultsQueue = deployed.samples.queueUrlOf(resourceByPrefix(deployed.json, 'AWS::SQS::Queue', 'Results')[0]);
    const messages = (await aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: resultsQueue, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }))).Messages ?? [];
    expect(messages.map((m) => JSON.parse(m.Body!)).filter((m) => m.filename === `${uploads}/corpus/*`).map((m) => m.resultId)).toEqual([result.resultId]);
  }, 600_000);

  it('counts one big object named by key, in one group (no merge step), as one pass would', async () => {
    const runId = 'local-key-run';
    const report = await runStateMachine({ bucket: uploads, key: 'corpus/big.txt' }, runId, { 'corpus-plan': { WORDFREQ_CORPUS_PART_MB: '32' } });
    expect(report.error).toBeUndefined();
    const expected = summarize(await singlePass(['corpus/big.txt']), 10);
    expect(report.output.result).toMatchObject({ filename: `${uploads}/corpus/big.txt`, kind: 'corpus', words: expected.top, totalWords: expected.totalWords, distinctWords: expected.distinctWords, bytes: bigBytes });
    expect(report.stats.maps.CountParts).toMatchObject({ items: Math.ceil(bigBytes / (32 * MiB)) });
    expect(report.calls.MergeGroup).toBeUndefined();
    expect(report.stats.maps.MergeGroups).toBeUndefined();
  }, 600_000);
});
