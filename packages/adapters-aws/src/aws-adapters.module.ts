import { systemClock } from '@wordfreq/core';
import { Tokens } from '@wordfreq/core/di';
import { EmfMetrics, JsonLinesLogger } from '@wordfreq/observability';
import { ContainerModule } from 'inversify';
import type { AwsClients } from './aws-clients.js';
import { dynamodbAdapters } from './dynamodb/dynamodb-adapters.module.js';
import { s3Adapters } from './s3/s3-adapters.module.js';
import { sesAdapters } from './ses/ses-adapters.module.js';
import type { AwsAdaptersConfig } from './shared/aws-config.js';
import { AwsTokens } from './shared/aws-tokens.js';
import { sqsAdapters } from './sqs/sqs-adapters.module.js';

/**
 * Binds every port token to its AWS adapter, as singletons sharing one SDK client per service: the
 * modules of each service (`s3Adapters`, `sqsAdapters`, `dynamodbAdapters`, `sesAdapters`) together,
 * plus metrics as CloudWatch EMF lines. Pass `clients` to use your own (tests point them at the
 * emulators); the rest are created for `config.region` with the SDK's defaults. Load a service's
 * module alone to use only that service's adapters (and load only its SDK package).
 *
 * `Tokens.DeadLetterQueue` is bound only when `names.deadLetterQueue` is set. Clock and Logger are
 * not AWS services: they are bound (system clock, JSON lines on stdout) only when the container has
 * none yet, so bind your own before loading this module to replace them.
 */
export function awsAdapters(config: AwsAdaptersConfig, clients: Partial<AwsClients> = {}): ContainerModule {
  const services = [s3Adapters(config, clients), sqsAdapters(config, clients), dynamodbAdapters(config, clients), sesAdapters(config, clients)];
  return new ContainerModule((options) => {
    // Loaded through this module's own options, so unloading `awsAdapters` unloads them all.
    for (const service of services) void service.load(options);
    const { bind, isBound } = options;
    bind(AwsTokens.Config).toConstantValue(config);
    bind(Tokens.Metrics).toDynamicValue(() => new EmfMetrics(config.metrics)).inSingletonScope();
    if (!isBound(Tokens.Clock)) bind(Tokens.Clock).toConstantValue(systemClock);
    if (!isBound(Tokens.Logger)) bind(Tokens.Logger).toConstantValue(new JsonLinesLogger());
  });
}
