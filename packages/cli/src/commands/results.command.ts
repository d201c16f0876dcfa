import type { JobResult } from '@wordfreq/core';
import { parseCommandArgs } from '../args.js';
import { runAwsCommand } from '../aws/run-aws-command.js';
import { formatResult, formatResultJson, formatResultsTable } from '../aws/format-results.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: wordfreq results [--file bucket/key] [--json]

Reads the results table (WORDFREQ_RESULTS_TABLE, or the worker's WORKER_RESULT_TABLENAME; default
'wordfreq'). Without --file: one line per file, sorted by name. With --file: that file's top words;
exit code 1 when it has no result yet.

Options:
  --file bucket/key  one file's result (the table's Filename key)
  --json             the stored results as JSON, one object per line
`;

export const resultsCommand: Command = {
  name: 'results',
  summary: 'show word-count results from the results table (AWS or npm run local)',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('results', argv, { file: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`results takes no arguments, got '${positionals[0]}'; use --file bucket/key for one file`);
    const file = values.file;
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

export default resultsCommand;
