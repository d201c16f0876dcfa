import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { createEmulatorClients, type EmulatedService, type EmulatorClients, type EmulatorEndpoints } from './emulator-clients.js';
import {
  createBucket,
  createQueue,
  createTable,
  type CreatedQueue,
  type CreatedTable,
  type QueueOptions,
  type TableOptions,
} from './emulated-resources.js';
import { envFor } from './env-for.js';
import { bridgeS3EventsToQueue, type S3EventBridge, type S3EventBridgeOptions } from './s3-event-bridge.js';
import { startS3rver, type S3rverEmulator } from './s3rver-emulator.js';
import { startSesEmulator, type SentMail, type SesEmulator } from './ses-emulator.js';
import { startSqsEmulator, type SqsEmulator } from './sqs-emulator.js';

export interface EmulatedAwsOptions {
  /** Which emulators to start (default all four). DynamoDB Local is the slow one (a JVM): skip it if unused. */
  readonly services?: readonly EmulatedService[];
}

/** Emulated AWS on 127.0.0.1. Create per-suite resources through it; `stop()` ends everything. */
export interface EmulatedAws {
  readonly services: readonly EmulatedService[];
  readonly endpoints: EmulatorEndpoints;
  /** SDK clients pointed at the emulators (shared; destroyed by `stop()`). */
  readonly clients: EmulatorClients;
  /** A new bucket with a unique name; returns the name. */
  createBucket(prefix?: string): Promise<string>;
  /** A new queue with a unique name and, unless `maxReceiveCount: null`, a dead-letter queue and redrive policy. */
  createQueue(options?: QueueOptions): Promise<CreatedQueue>;
  /** A new table with a unique name, on-demand billing and a NEW_AND_OLD_IMAGES stream. */
  createTable(options: TableOptions): Promise<CreatedTable>;
  /** Mail the SES emulator accepted, oldest first (all of this process's SES emulators share one store). */
  readSentMail(): Promise<SentMail[]>;
  /** Forwards s3rver's object-created events to a queue as S3 notification JSON, until stopped. */
  bridgeS3EventsToQueue(options: S3EventBridgeOptions): S3EventBridge;
  /** AWS_* variables pointing a child process at these emulators (see `envFor`). */
  env(): Record<string, string>;
  /** Stops bridges, clients and emulators; safe to call twice and after a failed test. */
  stop(): Promise<void>;
}

const allServices: readonly EmulatedService[] = ['s3', 'sqs', 'dynamodb', 'ses'];

/**
 * Starts the chosen emulators in parallel. If one fails to start, those already running are stopped
 * before the error is thrown. Use from `beforeAll` with `afterAll(() => aws.stop())`, which vitest runs
 * even when tests fail; DynamoDB Local is also killed if this process dies without stopping it.
 */
export async function startEmulatedAws(options: EmulatedAwsOptions = {}): Promise<EmulatedAws> {
  const services = [...new Set(options.services ?? allServices)];
  for (const service of services) {
    if (!allServices.includes(service)) throw new Error(`unknown emulated service "${service}"; choose from ${allServices.join(', ')}`);
  }
  const running: { stop(): Promise<void> }[] = [];
  const started = await Promise.allSettled([
    services.includes('s3') ? startS3rver() : undefined,
    services.includes('sqs') ? startSqsEmulator() : undefined,
    services.includes('dynamodb') ? startDynamoDbLocal() : undefined,
    services.includes('ses') ? startSesEmulator() : undefined,
  ]);
  for (const outcome of started) if (outcome.status === 'fulfilled' && outcome.value !== undefined) running.push(outcome.value);
  const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure !== undefined) {
    await Promise.allSettled(running.map((emulator) => emulator.stop()));
    throw failure.reason;
  }
  const value = <T>(index: number) => (started[index] as PromiseFulfilledResult<T | undefined>).value;
  const s3 = value<S3rverEmulator>(0);
  const sqs = value<SqsEmulator>(1);
  const dynamodb = value<DynamoDbLocal>(2);
  const ses = value<SesEmulator>(3);
  const endpoints: EmulatorEndpoints = {
    ...(s3 && { s3: s3.endpoint }),
    ...(sqs && { sqs: sqs.endpoint }),
    ...(dynamodb && { dynamodb: dynamodb.endpoint }),
    ...(ses && { ses: ses.endpoint }),
  };
  const clients = createEmulatorClients(endpoints);
  const bridges = new Set<S3EventBridge>();
  let stopping: Promise<void> | undefined;

  const aws: EmulatedAws = {
    services,
    endpoints,
    clients,
    createBucket: (prefix) => createBucket(clients, prefix),
    createQueue: (queueOptions) => createQueue(clients, queueOptions),
    createTable: (tableOptions) => createTable(clients, tableOptions),
    readSentMail() {
      if (ses === undefined) return Promise.reject(notStarted('ses'));
      return ses.readSentMail();
    },
    bridgeS3EventsToQueue(bridgeOptions) {
      if (s3 === undefined) throw notStarted('s3');
      const bridge = bridgeS3EventsToQueue(s3, clients.sqs, bridgeOptions);
      bridges.add(bridge);
      return bridge;
    },
    env: () => envFor(aws),
    stop() {
      stopping ??= (async () => {
        const bridgeOutcomes = await Promise.allSettled([...bridges].map((bridge) => bridge.stop()));
        clients.destroy();
        const outcomes = await Promise.allSettled(running.map((emulator) => emulator.stop()));
        const errors = [...bridgeOutcomes, ...outcomes].flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
        if (errors.length > 0) throw new AggregateError(errors, `stopping emulated AWS: ${errors.length} problem(s)`);
      })();
      return stopping;
    },
  };
  return aws;
}

function notStarted(service: EmulatedService): Error {
  return new Error(`the ${service} emulator was not started: pass services: [..., '${service}'] to startEmulatedAws`);
}
