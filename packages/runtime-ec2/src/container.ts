import { memoryAdapters, type MemoryAdaptersOptions } from '@wordfreq/adapters-memory';
import { awsAdapters, AwsTokens, defaultAwsResourceNames, type AwsClients } from '@wordfreq/adapters-aws';
import { JsonLinesLogger } from '@wordfreq/observability';
import { FsSpillStore } from '@wordfreq/adapters-fs';
import { countMemoryPerJob, defaultWorkerMemoryBytes } from '@wordfreq/core';
import { coreModule, Tokens } from '@wordfreq/core/di';
import type { Clock, JobQueue, Logger, Metrics } from '@wordfreq/core';
import { Container } from 'inversify';
import { readAheadOf, socketsPerClient, type WorkerConfig } from './config/worker-config.js';
import type { QueueWorkerDeps } from './worker/queue-worker.js';
import { WorkerTokens } from './worker/worker-tokens.js';

export interface CreateContainerOptions {
  /** Where JSON log lines and EMF metric lines go, one per call (default stdout). */
  readonly writeLine?: (line: string) => void;
  /** With `adapters: 'memory'`: options for the memory adapters (an existing system, a manual clock). */
  readonly memory?: MemoryAdaptersOptions;
  /** With `adapters: 'aws'`: SDK clients to use instead of new ones (tests point them at emulators). */
  readonly awsClients?: Partial<AwsClients>;
  /** Instances in service, for the BacklogPerInstance metric (e.g. from the Auto Scaling API). */
  readonly instanceCount?: () => Promise<number>;
}

const clientOption = { S3Client: 's3', SqsClient: 'sqs', DynamoDbClient: 'dynamodb', SesClient: 'ses' } as const;

/** Releases what the container opened (SDK connections); call after the worker stopped. */
export function disposeContainer(container: Container): void {
  if (container.isBound(WorkerTokens.Dispose)) container.get<() => void>(WorkerTokens.Dispose)();
}

/**
 * The composition root, and the only place that chooses adapters: the AWS ones (SQS, S3, DynamoDB,
 * EMF metrics) or the in-process ones. The worker adds its JSON logger and its configuration.
 */
export function createContainer(config: WorkerConfig, options: CreateContainerOptions = {}): Container {
  const writeLine = options.writeLine ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(WorkerTokens.WorkerConfig).toConstantValue(config);
  if (options.instanceCount) container.bind(WorkerTokens.InstanceCount).toConstantValue(options.instanceCount);
  container.load(
    coreModule({
      count: config.count,
      maxBytes: config.maxBytes,
      workerId: config.workerId,
      delayMs: config.jobDelayMs,
      memoryBudgetBytes: countMemoryPerJob(config.memoryBudgetBytes ?? defaultWorkerMemoryBytes, config.concurrency),
      ...(config.allowedBuckets ? { allowedBuckets: config.allowedBuckets } : {}),
      ...(config.maxReceives === undefined ? {} : { maxReceives: config.maxReceives }),
    }),
  );

  if (config.adapters === 'memory') {
    container.load(memoryAdapters(options.memory));
  } else {
    container.load(
      awsAdapters(
        {
          region: config.region ?? '',
          names: {
            ...defaultAwsResourceNames,
            jobQueue: config.queueUrl,
            resultsQueue: config.resultQueueUrl,
            resultsTable: config.resultTable,
            deadLetterQueue: config.deadLetterQueueUrl,
            ...(config.milestones?.claimsTable ? { claimsTable: config.milestones.claimsTable } : {}),
            ...(config.milestones?.countersTable ? { countersTable: config.milestones.countersTable } : {}),
          },
          metrics: { dimensions: { Service: 'wordfreq-worker' }, write: writeLine },
          maxSockets: socketsPerClient(config.concurrency, readAheadOf(config)),
          ...(config.resultFormat ? { resultFormat: config.resultFormat } : {}),
        },
        options.awsClients,
      ),
    );
    // Clients we created are ours to close: destroying them also cuts a long poll still open after
    // a hard stop, so the process can exit at once instead of waiting for SQS to answer.
    const created = (['S3Client', 'SqsClient', 'DynamoDbClient', 'SesClient'] as const).filter(
      (name) => options.awsClients?.[clientOption[name]] === undefined,
    );
    container.bind(WorkerTokens.Dispose).toConstantValue(() => {
      for (const name of created) container.get<{ destroy(): void }>(AwsTokens[name]).destroy();
    });
  }
  // Counts over their memory budget spill to the configured directory, or fail with TOO_MANY_WORDS
  // without one (whatever scratch space the adapters brought: the memory one bounds nothing).
  if (container.isBound(Tokens.SpillStore)) container.unbind(Tokens.SpillStore);
  if (config.spillDir !== undefined) {
    container.bind(Tokens.SpillStore).toConstantValue(new FsSpillStore({ dir: config.spillDir, ...(config.spillQuotaBytes ? { quotaBytes: config.spillQuotaBytes } : {}) }));
  }
  // Whatever logger the adapters brought (the memory system's recorder, the AWS default), the
  // worker's output is its own JSON lines, tagged with the worker id.
  container.rebind(Tokens.Logger).toConstantValue(new JsonLinesLogger({ level: config.logLevel, base: { workerId: config.workerId }, write: writeLine }));
  return container;
}

/** The ports the worker loop itself uses (the jobs queue, clock, logger, metrics), from a container. */
export function workerPorts(container: Container): Omit<QueueWorkerDeps, 'handle'> {
  return {
    queue: container.get<JobQueue>(Tokens.JobQueue),
    clock: container.get<Clock>(Tokens.Clock),
    logger: container.get<Logger>(Tokens.Logger),
    metrics: container.get<Metrics>(Tokens.Metrics),
  };
}
