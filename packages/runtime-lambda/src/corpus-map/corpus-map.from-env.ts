import { Tokens } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { corpusMapConfigFromEnv } from '../config/lambda-config.js';
import { corpusAdapters } from '../lambda-adapters.js';
import { createLambdaRoot, observability, type FromEnvOptions } from '../lambda-root.js';
import { createCorpusMapHandler } from './corpus-map.handler.js';

/** Environment -> checked configuration -> composition root -> the corpus map handler. Called once per cold start. */
export function corpusMapHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = corpusMapConfigFromEnv(env);
  const root = createLambdaRoot(config, { ...options, service: 'corpus-map' }, corpusAdapters);
  return createCorpusMapHandler(
    { storage: root.get(Tokens.ObjectStore), ...observability(root) },
    { workBucket: config.workBucket, allowedBuckets: config.allowedBuckets, count: config.count },
  );
}
