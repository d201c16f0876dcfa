import { parseCommandArgs } from '../args.js';
import { runAwsCommand } from '../aws/run-aws-command.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatCount } from '../ui/format.js';
import { formatTable } from '../ui/table.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: wordfreq queue [--json]

Shows the jobs queue's depth (messages waiting, messages in flight) and the dead-letter queue's, from
WORDFREQ_JOB_QUEUE / WORDFREQ_DEAD_LETTER_QUEUE (or the worker's WORKER_QUEUE_URL /
WORKER_DEAD_LETTER_QUEUE_URL). SQS's figures are approximate and may lag by up to a minute.

Options:
  --json   {"jobs":{"queue","visible","inFlight"},"deadLetters":{...}|null}
`;

export const queueCommand: Command = {
  name: 'queue',
  summary: 'show how many jobs wait, run, and were dead-lettered (AWS or npm run local)',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('queue', argv, { json: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`queue takes no arguments, got '${positionals[0]}'`);

    return runAwsCommand('queue', io, async (session) => {
      const { names } = session.config;
      const deadLetterQueue = session.deadLetters;
      const [jobs, deadLetters] = await Promise.all([session.jobs.depth(), deadLetterQueue?.depth()]);
      const report = {
        jobs: { queue: names.jobQueue, ...jobs },
        deadLetters: deadLetters === undefined ? null : { queue: names.deadLetterQueue, ...deadLetters },
      };
      if (values.json) {
        io.stdout.write(JSON.stringify(report) + '\n');
        return 0;
      }
      const rows = [['jobs', report.jobs.queue, formatCount(jobs.visible), formatCount(jobs.inFlight)]];
      if (report.deadLetters && deadLetters) rows.push(['dead letters', String(report.deadLetters.queue), formatCount(deadLetters.visible), formatCount(deadLetters.inFlight)]);
      io.stdout.write(
        formatTable([{ header: 'queue' }, { header: 'name' }, { header: 'visible', align: 'right' }, { header: 'in flight', align: 'right' }], rows),
      );
      if (!report.deadLetters) io.stdout.write('no dead-letter queue configured (WORDFREQ_DEAD_LETTER_QUEUE=none)\n');
      return 0;
    });
  },
};

export default queueCommand;
