import { awsAdapters } from '@wordfreq/adapters-aws';
import { coreModule, Tokens } from '@wordfreq/core/di';
import { Container } from 'inversify';
import type { LambdaConfig } from './config/lambda-config.js';
import { lambdaObservability, type LambdaContainerOptions } from './lambda-root.js';

/**
 * An inversify container with the core's module and every AWS adapter (`awsAdapters`), with this
 * runtime's logger and metrics: for composing handlers of your own and swapping adapters through
 * DI. The bundles use `createLambdaRoot` with their own adapters instead.
 */
export function createLambdaContainer(config: LambdaConfig, options: LambdaContainerOptions): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  const { logger, metrics } = lambdaObservability(config, options);
  container.bind(Tokens.Logger).toConstantValue(logger);
  container.load(coreModule(options.settings ?? {}), awsAdapters({ ...config.aws, metrics }, options.clients ?? {}));
  return container;
}
