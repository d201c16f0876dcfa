import { Tokens } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { visitConfigFromEnv } from '../config/lambda-config.js';
import { visitAdapters } from '../lambda-adapters.js';
import { createLambdaRoot, observability, type FromEnvOptions } from '../lambda-root.js';
import { createVisitHandler } from './visit.handler.js';

/** Environment -> checked configuration -> composition root -> the visit handler. Called once per cold start. */
export function visitHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = visitConfigFromEnv(env);
  const root = createLambdaRoot(config, { ...options, service: 'visit' }, visitAdapters);
  return createVisitHandler({ counters: root.get(Tokens.CounterStore), ...observability(root) });
}
