import { createAwsClients, awsAdapters, type AwsAdaptersConfig } from '@wordfreq/adapters-aws';
import type { JobQueue, Logger, ObjectStore, ResultStore } from '@wordfreq/core';
import { Tokens } from '@wordfreq/core/di';
import { Container } from 'inversify';
import { cliAwsConfig } from './cli-aws-config.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The ports the CLI's AWS commands use, on real AWS or whatever AWS_ENDPOINT_URL* points at. */
export interface AwsSession {
  readonly config: AwsAdaptersConfig;
  readonly storage: ObjectStore;
  readonly jobs: JobQueue;
  /** Undefined when WORDFREQ_DEAD_LETTER_QUEUE is `none`. */
  readonly deadLetters: JobQueue | undefined;
  readonly results: ResultStore;
  /** Closes the SDK clients' connections so the process can exit at once. */
  close(): void;
}

// The commands print their own output; adapter log lines would only clutter it.
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Composes the AWS adapters the way the runtimes do (one container, the adapters' module), with SDK
 * clients the session owns and closes. Ports are created on first use, so `wordfreq queue` never
 * builds an S3 adapter.
 */
export function openAwsSession(env: Env): AwsSession {
  const config = cliAwsConfig(env);
  // The SDK warns on Node 20 about versions it has not published yet, in nine lines on stderr; the
  // CLI's errors are meant to be one line. Whoever wants the warning can set the variable to false.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const clients = createAwsClients({ region: config.region });
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(Tokens.Logger).toConstantValue(quiet);
  container.load(awsAdapters(config, clients));
  return {
    config,
    get storage() {
      return container.get<ObjectStore>(Tokens.ObjectStore);
    },
    get jobs() {
      return container.get<JobQueue>(Tokens.JobQueue);
    },
    get deadLetters() {
      return container.isBound(Tokens.DeadLetterQueue) ? container.get<JobQueue>(Tokens.DeadLetterQueue) : undefined;
    },
    get results() {
      return container.get<ResultStore>(Tokens.ResultStore);
    },
    close() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
