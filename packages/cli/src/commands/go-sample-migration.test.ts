import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { SqsJobQueue, type AwsResourceNames, type Infrastructure } from '@wordfreq/adapters-aws';
import { countText } from '@wordfreq/core';
import type { RunningWorker } from '@wordfreq/runtime-ec2';
import { putRawItem, scanRawItems, startEmulatedAws, type EmulatedAws, type RawItem, type S3EventBridge } from '@wordfreq/local-aws';
import { decodeAsGoSampleResult, decodeAsGoSampleRow, goSampleMobyWords, goSampleRow, goSampleSuccessMessage, type GoAttributeMap } from '@wordfreq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from './cli-process.test-support.js';
import { emulatedDeployment, startDeploymentWorker, type EmulatedDeployment } from './emulated-deployment.test-support.js';

// A migration: the Go sample's worker and ours share one jobs queue, one results queue and one table.
// The Go worker is played by the test, writing exactly what the sample writes (a Filename + Words map
// row, its JobResult JSON) from the sample's field names and types; ours runs with
// WORKER_RESULT_FORMAT=go so that the sample's results consumers keep working.

let aws: EmulatedAws;
let deployment: EmulatedDeployment;
let names: AwsResourceNames;
let infra: Infrastructure;
let bridge: S3EventBridge;
let env: Record<string, string>;
let dir: string;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  assertCliBuilt();
  aws = await startEmulatedAws({ services: ['s3', 'sqs', 'dynamodb'] });
  deployment = await emulatedDeployment(aws);
  ({ names, infra, bridge, env } = deployment);
  dir = await mkdtemp(join(tmpdir(), 'wordfreq-go-'));
}, 180_000);

afterAll(async () => {
  await worker?.stopNow();
  await rm(dir, { recursive: true, force: true });
  await aws?.stop();
});

/**
 * The Go sample's worker doing one job from the shared queue: its rules (the classic preset), its
 * row (`path.Join(bucket, key)`, `Words` map, unconditional PutItem), its results message
 * (`json.Marshal` of its JobResult, fields in order), then the delete.
 */
async function goWorkerTakesOneJob(texts: ReadonlyMap<string, string>): Promise<string> {
  const jobs = new SqsJobQueue(aws.clients.sqs, { queue: infra.jobQueueUrl });
  for (;;) {
    const [delivery] = await jobs.receive({ max: 1, waitSeconds: 1, visibilitySeconds: 30 });
    if (delivery === undefined) continue;
    const record = (JSON.parse(delivery.body) as { Records: { awsRegion: string; s3: { bucket: { name: string }; object: { key: string } } }[] }).Records[0]!;
    const { name: bucket } = record.s3.bucket;
    const { key } = record.s3.object; // the sample does not URL-decode keys
    const top = countText(texts.get(key)!, { preset: 'classic' }).top;
    await putRawItem(aws.clients.dynamodb, names.resultsTable, goSampleRow(posix.join(bucket, key), Object.fromEntries(top.map((w) => [w.word, w.count]))) as RawItem);
    const message =
      `{"Job":{"StartedAt":"2026-12-02T01:00:00.5Z","Region":${JSON.stringify(record.awsRegion)},"Bucket":${JSON.stringify(bucket)},"Key":${JSON.stringify(key)}},` +
      `"Words":[${top.map((w) => `{"Word":${JSON.stringify(w.word)},"Count":${w.count}}`).join(',')}],"Duration":12500000,"Status":"success","StatusMessage":""}`;
    await new SqsJobQueue(aws.clients.sqs, { queue: infra.resultsQueueUrl }).send(message);
    await jobs.ack(delivery);
    return key;
  }
}

async function startOurWorker(): Promise<void> {
  worker = await startDeploymentWorker(aws, deployment, { WORKER_ID: 'ours', WORKER_RESULT_FORMAT: 'go' });
}

describe('a worker of each kind sharing one queue and one table (a migration from the Go sample)', () => {
  it('wordfreq results shows a row the Go sample wrote: its top words in top-words order, said to come from the Go sample', async () => {
    await putRawItem(aws.clients.dynamodb, names.resultsTable, goSampleRow(`${names.bucket}/go/moby.txt`, goSampleMobyWords) as RawItem);

    const one = await runCli(['results', '--file', `${names.bucket}/go/moby.txt`], { env });
    expect(one).toMatchObject({ code: 0, stderr: '' });
    expect(one.stdout).toBe(
      [
        `${names.bucket}/go/moby.txt: from the Go sample (it keeps only the top words, no totals)`,
        '  word    count',
        '  which   1,632',
        '  there   1,150',
        '  whale   1,150',
        '  their     612',
        '  before    609',
        '',
      ].join('\n'),
    );
    const list = await runCli(['results'], { env });
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout.split('\n')[1]).toMatch(new RegExp(`^${names.bucket}/go/moby\\.txt\\s+succeeded \\(Go sample\\)\\s+which 1,632, there 1,150, whale 1,150$`));
  }, 60_000);

  it('upload --wait takes the result from whichever worker did the job; both kinds write rows and messages the other side reads', async () => {
    const texts = new Map([
      ['go-did-this.txt', 'Whale, whale! The whale surfaced before the whaling ship.\n'],
      ['ours-did-this.txt', 'Harbour lights; harbour stones; harbour.\n'],
    ]);
    for (const [key, text] of texts) await writeFile(join(dir, key), text);

    // Our worker is not running yet: the Go worker takes this job from the shared queue.
    const goUpload = runCli(['upload', names.bucket, join(dir, 'go-did-this.txt'), '--wait', '--timeout', '60'], { env });
    await bridge.drain();
    expect(await goWorkerTakesOneJob(texts)).toBe('go-did-this.txt');
    const go = await goUpload;
    expect(go.code).toBe(0);
    expect(go.stdout).toMatch(new RegExp(`${names.bucket}/go-did-this\\.txt: from the Go sample .*\\n  word +count\\n  whale +3\\n  before +1\\n  ship +1\\n  surfaced +1\\n  whaling +1\\n$`));

    await startOurWorker();
    const ours = await runCli(['upload', names.bucket, join(dir, 'ours-did-this.txt'), '--wait', '--timeout', '60'], { env });
    expect(ours.code).toBe(0);
    expect(ours.stdout).toContain(`${names.bucket}/ours-did-this.txt: 5 words, 3 different`);

    // The results queue: both messages are the Go sample's JSON, read by a decoder of its schema
    // (its consumers) and by `wordfreq results --message` (ours).
    const results = new SqsJobQueue(aws.clients.sqs, { queue: infra.resultsQueueUrl });
    const bodies: string[] = [];
    await expect.poll(async () => (bodies.push(...(await results.receive({ max: 10, waitSeconds: 1, visibilitySeconds: 60 })).map((d) => d.body)), bodies.length), { timeout: 30_000 }).toBe(2);
    const byKey = new Map(bodies.map((body) => [decodeAsGoSampleResult(body).Job!.Key, body]));
    expect([...byKey.keys()].sort()).toEqual(['go-did-this.txt', 'ours-did-this.txt']);
    expect(decodeAsGoSampleResult(byKey.get('ours-did-this.txt')!)).toMatchObject({
      Job: { Bucket: names.bucket, Region: 'us-east-1' },
      Words: [{ Word: 'harbour', Count: 3 }, { Word: 'lights', Count: 1 }, { Word: 'stones', Count: 1 }],
      Status: 'success',
      StatusMessage: '',
    });
    for (const [key, body] of byKey) {
      await writeFile(join(dir, `${key}.message.json`), body);
      const shown = await runCli(['results', '--message', join(dir, `${key}.message.json`)], { env: {} });
      expect(shown).toMatchObject({ code: 0, stderr: '' });
      expect(shown.stdout.split('\n')[0]).toBe(`${names.bucket}/${key}: in the Go sample's format (it keeps only the top words, no totals)`);
    }

    // The table: every row, the Go worker's and ours, read by a decoder of the sample's row schema.
    const raw = await scanRawItems(aws.clients.dynamodb, names.resultsTable);
    const decoded = new Map(raw.map((item) => decodeAsGoSampleRow(item as GoAttributeMap)).map((r) => [r.Filename, r.Words]));
    expect(decoded.get(`${names.bucket}/ours-did-this.txt`)).toEqual(new Map([['harbour', 3], ['lights', 1], ['stones', 1]]));
    expect(decoded.get(`${names.bucket}/go-did-this.txt`)).toEqual(new Map([['whale', 3], ['before', 1], ['ship', 1], ['surfaced', 1], ['whaling', 1]]));
    expect(decoded.size).toBe(3);
  }, 120_000);

  it("reads a message saved from the Go sample's results queue, and refuses one of neither format", async () => {
    await writeFile(join(dir, 'go.json'), goSampleSuccessMessage);
    const shown = await runCli(['results', '--message', join(dir, 'go.json')], { env: {} });
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(shown.stdout).toBe(
      ["uploads/moby.txt: in the Go sample's format (it keeps only the top words, no totals)", '  word    count', '  which   1,632', '  whale   1,150', '  there   1,150', '  their     612', '  before    609', ''].join('\n'),
    );
    const json = await runCli(['results', '--message', '-', '--json'], { env: {}, stdin: goSampleSuccessMessage });
    expect(JSON.parse(json.stdout)).toMatchObject({ filename: 'uploads/moby.txt', durationMs: 45.5, startedAt: '2026-11-27T10:00:00.123456789Z', origin: 'go-sample' });
    const bad = await runCli(['results', '--message', '-'], { env: {}, stdin: '{"hello":1}' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/results --message: result message has schema undefined.*expected a wordfreq.result\/v1 message or the Go sample's/);
  }, 60_000);
});
