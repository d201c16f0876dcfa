import type { SQSClient } from '@aws-sdk/client-sqs';
import { Tokens } from '@wordfreq/core/di';
import { ContainerModule } from 'inversify';
import { clientOptionsOf, type AwsAdaptersConfig } from '../shared/aws-config.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { jobQueueOptions } from './job-queue-options.js';
import { createSqsClient } from './sqs-client.js';
import { SqsJobQueue } from './sqs-job-queue.js';
import { SqsResultPublisher } from './sqs-result-publisher.js';

/**
 * Binds `Tokens.JobQueue`, `Tokens.ResultPublisher` and, when `names.deadLetterQueue` is set,
 * `Tokens.DeadLetterQueue` (singletons) over one SQS client: `clients.sqs`, or one made for
 * `config.region` with the SDK's defaults.
 */
export function sqsAdapters(config: AwsAdaptersConfig, clients: { readonly sqs?: SQSClient } = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const { names } = config;
    bind(AwsTokens.SqsClient).toConstantValue(clients.sqs ?? createSqsClient(clientOptionsOf(config)));
    bind(AwsTokens.JobQueueOptions).toConstantValue(jobQueueOptions(config));
    bind(AwsTokens.ResultsQueueOptions).toConstantValue({ queue: names.resultsQueue, format: config.resultFormat, region: config.region });
    bind(Tokens.JobQueue).to(SqsJobQueue).inSingletonScope();
    if (names.deadLetterQueue !== undefined) {
      const deadLetterQueue = names.deadLetterQueue;
      // The dead-letter queue is a queue like any other (for inspecting or redriving), with no DLQ of its own.
      bind(Tokens.DeadLetterQueue)
        .toDynamicValue((context) => new SqsJobQueue(context.get(AwsTokens.SqsClient), { queue: deadLetterQueue }))
        .inSingletonScope();
    }
    bind(Tokens.ResultPublisher).to(SqsResultPublisher).inSingletonScope();
  });
}
