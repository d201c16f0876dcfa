// A row and a results message exactly as the Go sample (aws-go-wordfreq-sample) writes them, read back
// by `wordfreq results` on the emulators: issue 12's compatibility check, by hand.
//   npx turbo run build && node packages/cli/scripts/go-sample-readback.mjs
// Starts DynamoDB Local on 127.0.0.1 for the run only; prints each command and its output.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoResultStore, resultsTableShape } from '@wordfreq/adapters-aws';
import { putRawItem, startEmulatedAws } from '@wordfreq/local-aws';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const aws = await startEmulatedAws({ services: ['dynamodb'] });
const dir = mkdtempSync(join(tmpdir(), 'wordfreq-go-'));
try {
  const { name: table } = await aws.createTable({ prefix: 'wordfreq', ...resultsTableShape });
  // The Go worker's row: dynamodbattribute.ConvertToMap(struct{ Filename string; Words map[string]int }).
  await putRawItem(aws.clients.dynamodb, table, {
    Filename: { S: 'wordfreq-uploads/moby.txt' },
    Words: { M: { whale: { N: '1150' }, before: { N: '609' }, which: { N: '1632' }, there: { N: '1150' }, their: { N: '612' } } },
  });
  // One of ours beside it, as our worker saves it.
  await new DynamoResultStore(aws.clients.dynamodb, { table }).save({
    resultId: '5f1d3c2b0a998877', filename: 'wordfreq-uploads/ours.txt', bucket: 'wordfreq-uploads', key: 'ours.txt', status: 'succeeded',
    etag: 'd41d8cd98f00b204e9800998ecf8427e', words: [{ word: 'harbour', count: 3 }, { word: 'lights', count: 1 }], bytes: 41, totalWords: 5,
    distinctWords: 3, startedAt: '2026-12-02T01:00:00.000Z', finishedAt: '2026-12-02T01:00:00.004Z', durationMs: 4, countMs: 1, workerId: 'ours',
  });
  // The Go worker's results message: json.Marshal(*wordfreq.JobResult).
  const message = join(dir, 'go-message.json');
  writeFileSync(message,
    '{"Job":{"StartedAt":"2026-12-02T01:00:00.123456789Z","Region":"us-east-1","Bucket":"wordfreq-uploads","Key":"moby.txt"},' +
    '"Words":[{"Word":"which","Count":1632},{"Word":"whale","Count":1150},{"Word":"there","Count":1150}],"Duration":45500000,"Status":"success","StatusMessage":""}');
  const env = { PATH: process.env.PATH ?? '', ...aws.env(), WORDFREQ_RESULTS_TABLE: table };
  for (const args of [['results'], ['results', '--file', 'wordfreq-uploads/moby.txt'], ['results', '--message', message]]) {
    process.stdout.write(`$ wordfreq ${args.join(' ').replace(dir, '$DIR')}\n${execFileSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' })}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await aws.stop();
}
