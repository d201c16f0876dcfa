import type { Command } from '../command.js';

/**
 * Every subcommand, loaded on demand so `wordfreq count` does not pay for the AWS SDK.
 * Add a command by adding its file under commands/ and a line here.
 */
export const commandLoaders: Readonly<Record<string, () => Promise<Command>>> = {
  count: async () => (await import('./count.command.js')).countCommand,
  corpus: async () => (await import('./corpus.command.js')).corpusCommand,
  demo: async () => (await import('./demo.command.js')).demoCommand,
  upload: async () => (await import('./upload.command.js')).uploadCommand,
  results: async () => (await import('./results.command.js')).resultsCommand,
  queue: async () => (await import('./queue.command.js')).queueCommand,
  loadtest: async () => (await import('./loadtest.command.js')).loadtestCommand,
  scaling: async () => (await import('./scaling.command.js')).scalingCommand,
  worker: async () => (await import('./worker.command.js')).workerCommand,
};
