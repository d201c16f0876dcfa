import { availableParallelism } from 'node:os';
import { WordFreqError, defaultCorpusPartBytes, type CorpusObject, type CorpusResult } from '@wordfreq/core';
import { parseCommandArgs } from '../args.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { countFlags, countFlagValues } from '../count/count-args.js';
import { formatSummaryJson, formatSummaryTable } from '../count/format-summary.js';
import { corpusStateMachineVariable, startCorpusExecution } from '../corpus/corpus-state-machine.js';
import { parseCorpusTarget } from '../corpus/corpus-target.js';
import { listLocalCorpus } from '../corpus/local-corpus.js';
import { runCorpus } from '../corpus/run-corpus.js';
import { sizeFlag } from '../corpus/size-flag.js';
import { formatBytes, megabytesPerSecond } from '../ui/format.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: wordfreq corpus <folder|file|s3://bucket/prefix> [options]

Counts a whole corpus as one: the top words of every file under a folder (recursively) or of every
object under an S3 prefix. The corpus is planned into parts (small files batched together, big ones
cut into byte ranges at white space), the parts are counted on worker threads, and their counts are
merged: the same plan, map and reduce as the corpus state machine runs on AWS. A word never spans
two files. A progress bar over the parts goes to stderr.

Options:
  --preset, --top, --min-length, --stop-words, --json   as for 'wordfreq count'; --json adds
                            "kind":"corpus", "objects", "parts" and "durationMs"
  --threads N               counting threads (default: one per core, at most 8)
  --part-size SIZE          bytes per part, e.g. 64M or 1G (default ${defaultCorpusPartBytes / 2 ** 20}M; K, M, G are powers of 1024)
  --state-machine ARN       s3:// only: start an execution of the corpus state machine instead of
                            counting here (default: $${corpusStateMachineVariable})
  --wait                    with --state-machine: wait for the execution and print its result

For s3:// the AWS settings come from the environment as for 'wordfreq upload' (AWS_REGION, credentials,
AWS_ENDPOINT_URL_S3 for emulators); without a state machine the objects are read from here.
`;

export const corpusCommand: Command = {
  name: 'corpus',
  summary: 'count a folder or an S3 prefix as one corpus: parts counted on threads, then merged',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('corpus', argv, {
      ...countFlags,
      'part-size': { type: 'string' },
      'state-machine': { type: 'string' },
      wait: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError("corpus needs one folder, file or s3://bucket/prefix: 'wordfreq corpus ./texts'");
    const { options, json, threads: asked } = countFlagValues(values);
    const partBytes = sizeFlag('part-size', values['part-size']);
    const threads = asked ?? Math.max(1, Math.min(availableParallelism(), 8));
    const target = parseCorpusTarget(positionals[0]);
    const stateMachineArn = values['state-machine'] ?? io.env[corpusStateMachineVariable];
    if (target.kind === 'local' && values['state-machine'] !== undefined) throw new UsageError('corpus: --state-machine needs an s3:// corpus; a local folder is counted here');
    if (values.wait && stateMachineArn === undefined) throw new UsageError('corpus: --wait waits for a state machine execution; give --state-machine ARN (or set ' + corpusStateMachineVariable + ')');

    const how = { options, partBytes, threads, env: io.env, progress: io.stderr };
    let name: string;
    let result: CorpusResult | undefined;
    if (target.kind === 'local') {
      const corpus = await listLocalCorpus(target.path, io.cwd);
      name = corpus.name;
      result = await countHere(() => runCorpus(corpus.objects, corpus.request, { ...how, source: { kind: 'files' } }));
    } else {
      name = `s3://${target.bucket}/${target.prefix}*`;
      const request = { bucket: target.bucket, prefix: target.prefix };
      const { runAwsCommand } = await import('../aws/run-aws-command.js');
      const code = await runAwsCommand('corpus', io, async (session) => {
        if (stateMachineArn !== undefined) {
          const execution = await startCorpusExecution({ stateMachineArn, request, options, partBytes, wait: values.wait === true }, io);
          if (!execution.result) {
            io.stdout.write(json ? JSON.stringify({ executionArn: execution.executionArn }) + '\n' : `started ${execution.executionArn}\n`);
            return 0;
          }
          result = execution.result;
          return 0;
        }
        const objects: CorpusObject[] = [];
        for await (const object of session.storage.list(target.bucket, target.prefix)) objects.push({ bucket: object.bucket, key: object.key, size: object.size, etag: object.etag });
        result = await countHere(() => runCorpus(objects, request, { ...how, source: { kind: 's3' } }));
        return 0;
      });
      if (code !== 0 || !result) return code;
    }
    io.stdout.write(json ? formatCorpusJson(name, result) : formatCorpusTable(name, result, threads));
    return 0;
  },
};

/** A changed file or object is the user's to deal with (count again), not a crash. */
async function countHere(run: () => Promise<CorpusResult>): Promise<CorpusResult> {
  try {
    return await run();
  } catch (error) {
    if (WordFreqError.hasCode(error, 'CONFLICT', 'TOO_MANY_WORDS', 'NOT_FOUND')) throw new UsageError(`corpus: ${error.message}`);
    throw error;
  }
}

const summaryOf = (result: CorpusResult) => ({ bytes: result.bytes, totalWords: result.totalWords, distinctWords: result.distinctWords, top: result.words });

function formatCorpusTable(name: string, result: CorpusResult, asked: number): string {
  const { objects, parts } = result.corpus;
  // As many threads as were used: one part, or one thread asked for, is counted in this thread.
  const threads = parts <= 1 ? 1 : Math.min(asked, parts);
  const rate = megabytesPerSecond(result.bytes, result.durationMs).toFixed(1);
  const footer = `  ${objects} file${objects === 1 ? '' : 's'} (${formatBytes(result.bytes)}) in ${parts} part${parts === 1 ? "" : "s"} on ${threads} thread${threads === 1 ? '' : 's'}, ${(result.durationMs / 1000).toFixed(2)} s (${rate} MB/s)\n`;
  return formatSummaryTable(name, summaryOf(result)) + footer;
}

function formatCorpusJson(name: string, result: CorpusResult): string {
  return formatSummaryJson(name, summaryOf(result), { kind: 'corpus', objects: result.corpus.objects, parts: result.corpus.parts, durationMs: result.durationMs });
}
