import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { systemClock, type JobResult } from '@wordfreq/core';
import { integerFlag, parseCommandArgs } from '../args.js';
import { runAwsCommand } from '../aws/run-aws-command.js';
import { formatResult, formatResultJson } from '../aws/format-results.js';
import { waitForResults, type AwaitedResult } from '../aws/wait-for-results.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { describeReadError } from '../count/read-errors.js';
import { formatBytes } from '../ui/format.js';
import { startProgress } from '../ui/progress-bar.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: wordfreq upload <bucket> <file...> [--prefix P] [--wait] [--timeout SECONDS] [--json]

Uploads each file to the bucket under its file name (after --prefix), as the Go sample's uploads3 does.
With --wait it then waits for each file's result in the results table and prints its top words.
The bucket's notifications turn each upload into a job for the workers.

Options:
  --prefix P         put the keys under this prefix, e.g. 'uploads/'
  --wait             wait for every file's result and print it; exit code 1 when a file's
                     result is a failure (not text, too large) or none came in time
  --timeout SECONDS  how long --wait waits for all results (default 300)
  --json             one JSON line per upload ({bucket,key,size,etag}) or, with --wait, per result

AWS settings come from the environment: AWS_REGION, credentials from the SDK's usual chain,
AWS_ENDPOINT_URL* for emulators (npm run local prints them), WORDFREQ_RESULTS_TABLE (or the worker's
WORKER_RESULT_TABLENAME) for --wait. See the README.
`;

interface LocalFile {
  readonly path: string;
  readonly key: string;
  readonly size: number;
}

const pollMs = 500;

export const uploadCommand: Command = {
  name: 'upload',
  summary: 'upload files to a bucket (AWS or npm run local) and optionally wait for their results',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('upload', argv, {
      prefix: { type: 'string' },
      wait: { type: 'boolean' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [bucket, ...paths] = positionals;
    if (bucket === undefined || paths.length === 0) throw new UsageError("upload needs a bucket and at least one file: 'wordfreq upload <bucket> <file...>'");
    const timeoutMs = integerFlag('timeout', values.timeout, 300, 1, 86_400) * 1000;
    const files = await localFiles(paths, values.prefix ?? '', io.cwd);

    return runAwsCommand('upload', io, async (session) => {
      const total = files.reduce((sum, file) => sum + file.size, 0);
      const bar = files.length > 1 ? startProgress(io.stderr, { label: 'upload', total, unit: 'bytes' }) : undefined;
      const awaited: AwaitedResult[] = [];
      for (const file of files) {
        const info = await session.storage.put({ bucket, key: file.key }, counted(file.path, (n) => bar?.advance(n)), {
          contentType: 'text/plain; charset=utf-8',
        });
        awaited.push({ filename: `${bucket}/${info.key}`, etag: info.etag });
        if (values.json && !values.wait) io.stdout.write(JSON.stringify({ bucket, key: info.key, size: info.size, etag: info.etag }) + '\n');
        else if (!values.json) io.stdout.write(`uploaded s3://${bucket}/${info.key} (${formatBytes(info.size)})\n`);
      }
      bar?.finish();
      if (!values.wait) return 0;

      if (!values.json) io.stdout.write(`waiting for ${awaited.length} result(s) in table ${session.config.names.resultsTable}...\n`);
      const received: JobResult[] = [];
      const missing = await waitForResults(session.results, awaited, {
        clock: systemClock,
        pollMs,
        timeoutMs,
        onResult(result) {
          received.push(result);
          io.stdout.write(values.json ? formatResultJson(result) : formatResult(result));
        },
      });
      if (missing.length > 0) {
        io.stderr.write(
          `wordfreq upload: no result after ${timeoutMs / 1000} s for ${missing.join(', ')}; are workers running on queue ${session.config.names.jobQueue}?\n`,
        );
        return 1;
      }
      return received.some((result) => result.status === 'failed') ? 1 : 0;
    });
  },
};

/** Checks every file before uploading any, so a typo does not leave half the files uploaded. */
async function localFiles(paths: readonly string[], prefix: string, cwd: string): Promise<LocalFile[]> {
  const files: LocalFile[] = [];
  const byKey = new Map<string, string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    let size: number;
    try {
      const info = await stat(absolute);
      if (!info.isFile()) throw new UsageError(`cannot upload '${path}': it is not a regular file`);
      size = info.size;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const reason = describeReadError(error);
      if (reason === undefined) throw error;
      throw new UsageError(`cannot read '${path}': ${reason}`);
    }
    const key = prefix + basename(absolute);
    const earlier = byKey.get(key);
    if (earlier !== undefined) throw new UsageError(`'${earlier}' and '${path}' would both be uploaded as key '${key}'; upload them separately with different --prefix values`);
    byKey.set(key, path);
    files.push({ path: absolute, key, size });
  }
  return files;
}

/** The file's bytes, reporting each chunk as the SDK takes it (fresh buffers: the SDK may keep them). */
async function* counted(path: string, onBytes: (n: number) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    onBytes(chunk.length);
    yield chunk;
  }
}

export default uploadCommand;
