import { summarize } from '@wordfreq/core';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { parseCountArgs } from '../count/count-args.js';
import { countInput } from '../count/count-input.js';
import { resolveCountInputs } from '../count/count-inputs.js';
import { formatSummaryJson, formatSummaryTable } from '../count/format-summary.js';
import { describeReadError } from '../count/read-errors.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: wordfreq count [FILE...|-] [options]

Counts the words of each FILE (standard input when none is given, or for '-') and prints the top words.
Input is streamed: memory grows with the number of different words, not with the file size.

Options:
  --preset unicode|classic  unicode (default): runs of letters, marks and digits, inner apostrophes kept,
                            lower-cased and NFC-normalised. classic: the Go sample's rules (split on
                            white space, skip tokens of 4 bytes or fewer, trim .,"'?!).
  --top N                   how many top words to show (default 10)
  --min-length N            drop words shorter than N characters (code points)
  --stop-words en           drop common English words (the, and, of, ...)
  --json                    one JSON object per input per line:
                            {"file","bytes","totalWords","distinctWords","top":[{"word","count"}]}
  --threads N               threads for counting one large file (default: one per core from 64 MiB up)
`;

export const countCommand: Command = {
  name: 'count',
  summary: 'count the words of files or standard input and show the top words',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCountArgs(argv);
    const inputs = await resolveCountInputs(args.files, io.cwd);
    for (const input of inputs) {
      let counts;
      try {
        counts = await countInput(input, args.options, args.threads, io.stdin);
      } catch (error) {
        const reason = describeReadError(error);
        if (reason === undefined) throw error;
        throw new UsageError(`cannot read '${input.name}': ${reason}`);
      }
      const summary = summarize(counts, args.options.top);
      io.stdout.write(args.json ? formatSummaryJson(input.name, summary) : formatSummaryTable(input.name, summary));
    }
    return 0;
  },
};
