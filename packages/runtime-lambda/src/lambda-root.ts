import type { AwsClients } from '@wordfreq/adapters-aws';
import type { AwsAdaptersConfig } from '@wordfreq/adapters-aws/shared';
import { EmfMetrics, JsonLinesLogger, type EmfMetricsOptions } from '@wordfreq/observability';
import { corePorts, PortMap, Tokens, type CoreSettings, type PortResolver } from '@wordfreq/core/di';
import type { Logger, Metrics } from '@wordfreq/core';
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
 * A function's AWS adapters as token-port pairs, made from the configuration (metrics options
 * included) and the SDK clients given; those not given are made for `config.region`.
 */
export type LambdaAdapters = (config: AwsAdaptersConfig, clients: Partial<AwsClients>) => Iterable<readonly [symbol, unknown]>;

/**
 * This runtime's JSON logger (the request id on every line) and its metrics options (EMF lines
 * tagged with the function's service name), for the root and for `createLambdaContainer`.
 */
export function lambdaObservability(config: LambdaConfig, options: LambdaContainerOptions): { logger: Logger; metrics: EmfMetricsOptions } {
  const logger: Logger = new JsonLinesLogger({
    level: config.logLevel,
    base: { service: options.service },
    contextFields: invocationLogFields,
    ...(options.writeLine ? { write: options.writeLine } : {}),
  });
  const metrics = {
    ...config.aws.metrics,
    dimensions: { Service: `lambda-${options.service}`, ...config.aws.metrics?.dimensions },
    ...(options.writeLine ? { write: options.writeLine } : {}),
  };
  return { logger, metrics };
}

/**
 * The Lambda functions' composition root, built once per cold start: the core's own ports, this
 * runtime's logger and metrics, and only the given adapters, so a function's bundle loads only the
 * SDK clients those adapters use (the SDK is most of a cold start). Each function's `*.from-env.ts`
 * asks it for its use case (`handleJobMessageFrom(root)`, ...). A plain PortMap rather than an
 * inversify container: the container's resolution machinery measurably slowed the functions' cold
 * import (see the README), and every port here is a constant made once anyway, reused by every
 * invocation the execution environment serves.
 */
export function createLambdaRoot(config: LambdaConfig, options: LambdaContainerOptions, adapters: LambdaAdapters): PortMap {
  const { logger, metrics } = lambdaObservability(config, options);
  return new PortMap([
    ...corePorts(options.settings),
    [Tokens.Logger, logger],
    [Tokens.Metrics, new EmfMetrics(metrics)],
    ...adapters({ ...config.aws, metrics }, options.clients ?? {}),
  ]);
}

/** The two ports every handler uses for its own reporting. */
export function observability(root: PortResolver): { logger: Logger; metrics: Metrics } {
  return { logger: root.get<Logger>(Tokens.Logger), metrics: root.get<Metrics>(Tokens.Metrics) };
}

/** Options for wiring a handler from variables: test doubles for what the environment cannot say. */
export type FromEnvOptions = Omit<LambdaContainerOptions, 'service' | 'settings'>;
