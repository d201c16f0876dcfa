import { Tokens } from '@wordfreq/core/di';
import { systemClock } from '@wordfreq/core';
import { ContainerModule } from 'inversify';
import { jobQueueOptions, s3ObjectStoreOptions } from './adapter-options.js';
import { createAwsClients, type AwsClients } from './aws-clients.js';
import type { AwsAdaptersConfig } from './aws-config.js';
import { AwsTokens } from './aws-tokens.js';
import { DynamoClaimStore } from './dynamo-claim-store.js';
import { DynamoCounterStore } from './dynamo-counter-store.js';
import { DynamoResultStore } from './dynamo-result-store.js';
import { EmfMetrics } from './emf-metrics.js';
import { JsonLinesLogger } from './json-lines-logger.js';
import { S3ObjectStore } from './s3-object-store.js';
import { SesMailer } from './ses-mailer.js';
import { SqsJobQueue } from './sqs-job-queue.js';
import { SqsResultPublisher } from './sqs-result-publisher.js';

/**
 * Binds every port token to its AWS adapter, as singletons sharing one SDK client per service.
 * Pass `clients` to use your own (tests point them at the emulators); the rest are created for
 * `config.region` with the SDK's defaults.
 *
 * `Tokens.DeadLetterQueue` is bound only when `names.deadLetterQueue` is set. Clock and Logger are
 * not AWS services: they are bound (system clock, JSON lines on stdout) only when the container has
 * none yet, so bind your own before loading this module to replace them.
 */
export function awsAdapters(config: AwsAdaptersConfig, clients: Partial<AwsClients> = {}): ContainerModule {
  return new ContainerModule(({ bind, isBound }) => {
    // SDK clients open no connection until used, so creating the whole set for a missing one is cheap.
    const complete = clients.s3 && clients.sqs && clients.dynamodb && clients.ses;
    const made = complete ? undefined : createAwsClients({ region: config.region });
    const all: AwsClients = {
      s3: clients.s3 ?? made!.s3,
      sqs: clients.sqs ?? made!.sqs,
      dynamodb: clients.dynamodb ?? made!.dynamodb,
      ses: clients.ses ?? made!.ses,
    };
    const { names } = config;

    bind(AwsTokens.Config).toConstantValue(config);
    bind(AwsTokens.S3Client).toConstantValue(all.s3);
    bind(AwsTokens.SqsClient).toConstantValue(all.sqs);
    bind(AwsTokens.DynamoDbClient).toConstantValue(all.dynamodb);
    bind(AwsTokens.SesClient).toConstantValue(all.ses);
    bind(AwsTokens.S3ObjectStoreOptions).toConstantValue(s3ObjectStoreOptions(config));
    bind(AwsTokens.JobQueueOptions).toConstantValue(jobQueueOptions(config));
    bind(AwsTokens.ResultsQueueOptions).toConstantValue({ queue: names.resultsQueue });
    bind(AwsTokens.ResultTableOptions).toConstantValue({ table: names.resultsTable });
    bind(AwsTokens.CounterTableOptions).toConstantValue({ table: names.countersTable });
    bind(AwsTokens.ClaimTableOptions).toConstantValue({ table: names.claimsTable });
    bind(AwsTokens.EmfMetricsOptions).toConstantValue(config.metrics ?? {});

    bind(Tokens.ObjectStore).to(S3ObjectStore).inSingletonScope();
    bind(Tokens.JobQueue).to(SqsJobQueue).inSingletonScope();
    if (names.deadLetterQueue !== undefined) {
      const deadLetterQueue = names.deadLetterQueue;
      // The dead-letter queue is a queue like any other (for inspecting or redriving), with no DLQ of its own.
      bind(Tokens.DeadLetterQueue)
        .toDynamicValue((context) => new SqsJobQueue(context.get(AwsTokens.SqsClient), { queue: deadLetterQueue }))
        .inSingletonScope();
    }
    bind(Tokens.ResultStore).to(DynamoResultStore).inSingletonScope();
    bind(Tokens.ResultPublisher).to(SqsResultPublisher).inSingletonScope();
    bind(Tokens.CounterStore).to(DynamoCounterStore).inSingletonScope();
    bind(Tokens.ClaimStore).to(DynamoClaimStore).inSingletonScope();
    bind(Tokens.Mailer).to(SesMailer).inSingletonScope();
    bind(Tokens.Metrics).to(EmfMetrics).inSingletonScope();
    if (!isBound(Tokens.Clock)) bind(Tokens.Clock).toConstantValue(systemClock);
    if (!isBound(Tokens.Logger)) bind(Tokens.Logger).toConstantValue(new JsonLinesLogger());
  });
}

