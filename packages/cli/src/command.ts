import type { CliIo } from './cli-io.js';

/** One `wordfreq <name>` subcommand. `run` resolves to the process exit code. */
export interface Command {
  readonly name: string;
  /** One line for `wordfreq --help`. */
  readonly summary: string;
  /** Full usage text for `wordfreq <name> --help`. */
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
