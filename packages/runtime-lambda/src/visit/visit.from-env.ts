import { Tokens } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { visitConfigFromEnv } from '../config/lambda-config.js';
import { visitAdapters } from '../lambda-adapters.js';
import { createLambdaContainerWith, observability, type FromEnvOptions } from '../lambda-container.js';
import { createVisitHandler } from './visit.handler.js';

/** Environment -> checked configuration -> container -> the visit handler. Called once per cold start. */
export function visitHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = visitConfigFromEnv(env);
  const container = createLambdaContainerWith(config, { ...options, service: 'visit' }, visitAdapters);
  return createVisitHandler({ counters: container.get(Tokens.CounterStore), ...observability(container) });
}
