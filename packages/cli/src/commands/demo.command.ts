import { integerFlag, parseCommandArgs } from '../args.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { directoryCorpus, generatedCorpus } from '../demo/corpus-source.js';
import { formatDemoJson, formatDemoText } from '../demo/demo-summary.js';
import { runDemo } from '../demo/run-demo.js';
import { UsageError } from '../usage-error.js';

const defaults = { files: 120, size: 1_000_000, workers: 4, seed: 1 } as const;
// Every file lives in process memory for the run (the embedded store is a Map).
const maxCorpusBytes = 2_000_000_000;

const usage = `Usage: wordfreq demo [--files N] [--size BYTES] [--workers N] [--dir DIR] [--seed N] [--json]

Runs the whole system in this process on the embedded (memory) adapters, wired as on AWS: writes text
files into the primary bucket, backs each up to the backup bucket, turns each upload into an S3 event
notification on the jobs queue, runs N workers (the EC2 worker's loop) that count, store and publish
results, then simulates visitors crossing the 1,000,000-visit milestone and shows the one email.
The summary ends with checks of the answer (results against an independent count of the corpus, one
result and one backup per file, exactly one email); the exit code is 1 when one fails.

Options:
  --files N       generated files (default ${defaults.files})
  --size BYTES    size of each generated file (default ${defaults.size}, about 1 MB as in the load test)
  --workers N     concurrent workers (default ${defaults.workers})
  --dir DIR       upload the files under DIR instead of generating text
  --seed N        seed of the generated text (default ${defaults.seed}); the same seed gives the same files
  --json          print the summary as one JSON object (progress still goes to stderr)
`;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the whole system in-process on generated text (or --dir) and check the answer',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('demo', argv, {
      files: { type: 'string' },
      size: { type: 'string' },
      workers: { type: 'string' },
      dir: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`demo takes no arguments, got '${positionals[0]}'; use --dir DIR for your own files`);
    const workers = integerFlag('workers', values.workers, defaults.workers, 1, 64);
    let corpus;
    if (values.dir !== undefined) {
      const generatorFlag = (['files', 'size', 'seed'] as const).find((flag) => values[flag] !== undefined);
      if (generatorFlag) throw new UsageError(`--${generatorFlag} describes generated text and cannot be combined with --dir`);
      corpus = await directoryCorpus(values.dir, io.cwd);
    } else {
      const files = integerFlag('files', values.files, defaults.files, 1, 100_000);
      const size = integerFlag('size', values.size, defaults.size, 1, maxCorpusBytes);
      if (files * size > maxCorpusBytes) {
        throw new UsageError(`--files ${files} x --size ${size} is ${files * size} bytes; the demo keeps every file in memory, so keep it under ${maxCorpusBytes}`);
      }
      corpus = generatedCorpus({ files, bytesPerFile: size, seed: integerFlag('seed', values.seed, defaults.seed, 0, 2 ** 32 - 1) });
    }
    if (corpus.expectedBytes > maxCorpusBytes) {
      throw new UsageError(`--dir '${values.dir}' holds ${corpus.expectedBytes} bytes; the demo keeps every file in memory, so keep it under ${maxCorpusBytes}`);
    }

    const summary = await runDemo(corpus, { workers, progress: io.stderr });
    io.stdout.write(values.json ? formatDemoJson(summary) : formatDemoText(summary));
    const failed = summary.checks.filter((check) => !check.ok);
    if (failed.length === 0) return 0;
    io.stderr.write(`wordfreq demo: ${failed.length} check(s) failed: ${failed.map((check) => `${check.name} (${check.detail})`).join('; ')}\n`);
    return 1;
  },
};

export default demoCommand;
