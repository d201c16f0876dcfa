import { WordFreqError } from '@wordfreq/core';
import type { CliIo } from './cli-io.js';
import { commandLoaders } from './commands/index.js';
import { UsageError } from './usage-error.js';
import { cliVersion } from './version.js';

const helpText = async (): Promise<string> => {
  const lines = ['Usage: wordfreq <command> [options]', '', 'Commands:'];
  for (const load of Object.values(commandLoaders)) {
    const command = await load();
    lines.push(`  ${command.name.padEnd(10)} ${command.summary}`);
  }
  lines.push('', "Run 'wordfreq <command> --help' for a command's options, 'wordfreq --version' for the version.");
  return lines.join('\n') + '\n';
};

/** Runs `wordfreq` with `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(await helpText());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-V') {
      io.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    const load = commandLoaders[name];
    if (!load) throw new UsageError(`unknown command '${name}'; run 'wordfreq --help' for the list`);
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || WordFreqError.hasCode(error, 'CONFIG', 'BAD_INPUT')) {
      io.stderr.write(`wordfreq: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
