import { awsAdapters, JsonLinesLogger, type AwsClients } from '@wordfreq/adapters-aws';
import { coreModule, Tokens, type CoreSettings } from '@wordfreq/core/di';
import type { Logger, Metrics } from '@wordfreq/core';
import { Container } from 'inversify';
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
 * The composition root of a Lambda function, built once per cold start: the core's module and the AWS
 * adapters, with this runtime's JSON logger (request id on every line) and EMF metrics tagged with
 * the function's service name. Singletons throughout, so SDK clients and their connection pools are
 * reused by every invocation the execution environment serves.
 */
export function createLambdaContainer(config: LambdaConfig, options: LambdaContainerOptions): Container {
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
  container.load(awsAdapters({ ...config.aws, metrics }, options.clients ?? {}));
  return container;
}

/** The two ports every handler uses for its own reporting. */
export function observability(container: Container): { logger: Logger; metrics: Metrics } {
  return { logger: container.get<Logger>(Tokens.Logger), metrics: container.get<Metrics>(Tokens.Metrics) };
}

/** Options for wiring a handler from variables: test doubles for what the environment cannot say. */
export type FromEnvOptions = Omit<LambdaContainerOptions, 'service' | 'settings'>;
