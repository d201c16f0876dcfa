import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { readResultMessage, WordFreqError, type JobResult } from '@wordfreq/core';
import { parseCommandArgs } from '../args.js';
import { runAwsCommand } from '../aws/run-aws-command.js';
import { formatResult, formatResultJson, formatResultsTable } from '../aws/format-results.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: wordfreq results [--file bucket/key | --message FILE] [--json]

Reads the results table (WORDFREQ_RESULTS_TABLE, or the worker's WORKER_RESULT_TABLENAME; default
'wordfreq'). Without --file: one line per file, sorted by name. With --file: that file's top words;
exit code 1 when it has no result yet. Rows written by the Go sample's worker (a table both share)
are shown with what they hold: the top words, marked "Go sample".

Options:
  --file bucket/key  one file's result (the table's Filename key)
  --message FILE     show a results-queue message body saved in FILE (- for stdin), in our format
                     or the Go sample's (WORKER_RESULT_FORMAT=go); needs no AWS access
  --json             the results as JSON, one object per line
`;

export const resultsCommand: Command = {
  name: 'results',
  summary: 'show word-count results from the results table (AWS or npm run local)',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('results', argv, { file: { type: 'string' }, message: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`results takes no arguments, got '${positionals[0]}'; use --file bucket/key for one file`);
    const file = values.file;
    if (values.message !== undefined) {
      if (file !== undefined) throw new UsageError('results takes --file or --message, not both');
      const result = await messageResult(values.message, io);
      // Our worker writes this format too (WORKER_RESULT_FORMAT=go): the message says only its format.
      io.stdout.write(values.json ? formatResultJson(result) : formatResult(result, "in the Go sample's format"));
      return 0;
    }
    if (file !== undefined && !/^[^/]+\/.+/.test(file)) throw new UsageError(`--file must be bucket/key, e.g. wordfreq-uploads/book.txt, got '${file}'`);

    return runAwsCommand('results', io, async (session) => {
      const table = session.config.names.resultsTable;
      if (file !== undefined) {
        const result = await session.results.get(file);
        if (result === undefined) {
          io.stderr.write(`wordfreq results: no result for '${file}' in table ${table} (yet)\n`);
          return 1;
        }
        io.stdout.write(values.json ? formatResultJson(result) : formatResult(result));
        return 0;
      }
      const results: JobResult[] = [];
      for await (const result of session.results.list()) results.push(result);
      results.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
      if (values.json) for (const result of results) io.stdout.write(formatResultJson(result));
      else io.stdout.write(results.length === 0 ? `no results in table ${table}\n` : formatResultsTable(results));
      return 0;
    });
  },
};

/** The result a saved results-queue message carries; an unreadable one is the user's to fix (exit 2). */
async function messageResult(path: string, io: CliIo): Promise<JobResult> {
  let body: string;
  try {
    body = path === '-' ? await text(io.stdin) : await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`results --message: cannot read ${path === '-' ? 'stdin' : `'${path}'`} (${(error as Error).message})`);
  }
  try {
    return readResultMessage(body);
  } catch (error) {
    if (WordFreqError.hasCode(error, 'BAD_MESSAGE')) throw new UsageError(`results --message: ${error.message}; expected a wordfreq.result/v1 message or the Go sample's`);
    throw error;
  }
}

export default resultsCommand;
