import { Tokens } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { corpusPlanConfigFromEnv } from '../config/lambda-config.js';
import { corpusAdapters } from '../lambda-adapters.js';
import { createLambdaRoot, observability, type FromEnvOptions } from '../lambda-root.js';
import { createCorpusPlanHandler } from './corpus-plan.handler.js';

/** Environment -> checked configuration -> composition root -> the corpus plan handler. Called once per cold start. */
export function corpusPlanHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = corpusPlanConfigFromEnv(env);
  const root = createLambdaRoot(config, { ...options, service: 'corpus-plan' }, corpusAdapters);
  return createCorpusPlanHandler(
    { storage: root.get(Tokens.ObjectStore), ...observability(root) },
    { workBucket: config.workBucket, allowedBuckets: config.allowedBuckets, partBytes: config.partBytes, fanIn: config.fanIn, itemBytes: config.itemBytes },
  );
}
