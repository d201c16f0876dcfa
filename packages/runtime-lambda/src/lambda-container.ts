import { awsAdapters, type AwsAdaptersConfig, type AwsClients } from '@wordfreq/adapters-aws';
import { EmfMetrics, JsonLinesLogger } from '@wordfreq/observability';
import { coreModule, Tokens, type CoreSettings } from '@wordfreq/core/di';
import type { Logger, Metrics } from '@wordfreq/core';
import { Container, type ContainerModule } from 'inversify';
import type { LambdaConfig } from './config/lambda-config.js';
import { invocationLogFields } from './observability/invocation-context.js';

export interface LambdaContainerOptions {
  /** Which function this is (`jobs`, `visit`, ...): the `Service` dimension of its metrics and a log field. */
  readonly service: string;
  /** SDK clients to use instead of the ones made from the region (tests pass the emulators'). */
  readonly clients?: Partial<AwsClients>;
  readonly settings?: Partial<CoreSettings>;
  /** Where log and EMF lines go (default stdout, which Lambda ships to CloudWatch Logs). */
  readonly writeLine?: (line: string) => void;
}

/**
 * Binds a function's AWS adapters, with `awsAdapters`'s signature: the configuration (metrics
 * options included) and the SDK clients given; those not given are made for `config.region`.
 */
export type LambdaAdapters = (config: AwsAdaptersConfig, clients: Partial<AwsClients>) => ContainerModule;

/**
 * The composition root of a Lambda function, built once per cold start: the core's module and every
 * AWS adapter (`awsAdapters`), with this runtime's JSON logger and EMF metrics. For tests and for
 * composing your own handlers; the bundles use `createLambdaContainerWith` and their own adapters.
 */
export function createLambdaContainer(config: LambdaConfig, options: LambdaContainerOptions): Container {
  return createLambdaContainerWith(config, options, awsAdapters);
}

/**
 * The Lambda functions' composition root, with only the given adapters: a function's bundle then
 * loads only the SDK clients those adapters use (the SDK is most of a cold start). Each function's
 * `*.from-env.ts` calls it and asks it for its use case (`handleJobMessageFrom(container)`, ...). The logger writes JSON lines with the
 * request id on every line; metrics are EMF lines tagged with the function's service name.
 * Singletons throughout, so SDK clients and their connection pools are reused by every invocation
 * the execution environment serves.
 */
export function createLambdaContainerWith(config: LambdaConfig, options: LambdaContainerOptions, adapters: LambdaAdapters): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  const logger: Logger = new JsonLinesLogger({
    level: config.logLevel,
    base: { service: options.service },
    contextFields: invocationLogFields,
    ...(options.writeLine ? { write: options.writeLine } : {}),
  });
  container.bind(Tokens.Logger).toConstantValue(logger);
  container.load(coreModule(options.settings ?? {}));
  const metrics = {
    ...config.aws.metrics,
    dimensions: { Service: `lambda-${options.service}`, ...config.aws.metrics?.dimensions },
    ...(options.writeLine ? { write: options.writeLine } : {}),
  };
  container.load(adapters({ ...config.aws, metrics }, options.clients ?? {}));
  // `awsAdapters` binds the metrics itself; a function's own adapters leave them to us.
  if (!container.isBound(Tokens.Metrics)) container.bind(Tokens.Metrics).toConstantValue(new EmfMetrics(metrics));
  return container;
}

/** The two ports every handler uses for its own reporting. */
export function observability(container: Container): { logger: Logger; metrics: Metrics } {
  return { logger: container.get<Logger>(Tokens.Logger), metrics: container.get<Metrics>(Tokens.Metrics) };
}

/** Options for wiring a handler from variables: test doubles for what the environment cannot say. */
export type FromEnvOptions = Omit<LambdaContainerOptions, 'service' | 'settings'>;
