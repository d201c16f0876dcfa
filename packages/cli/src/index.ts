export { runCli } from './cli.js';
export type { CliIo } from './cli-io.js';
export type { Command } from './command.js';
export { UsageError } from './usage-error.js';
