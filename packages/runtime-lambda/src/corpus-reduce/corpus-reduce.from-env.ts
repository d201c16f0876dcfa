import { Tokens } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { corpusReduceConfigFromEnv } from '../config/lambda-config.js';
import { corpusReduceAdapters } from '../lambda-adapters.js';
import { createLambdaRoot, observability, type FromEnvOptions } from '../lambda-root.js';
import { createCorpusReduceHandler } from './corpus-reduce.handler.js';

/** Environment -> checked configuration -> composition root -> the corpus reduce handler. Called once per cold start. */
export function corpusReduceHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = corpusReduceConfigFromEnv(env);
  const root = createLambdaRoot(config, { ...options, service: 'corpus-reduce' }, corpusReduceAdapters);
  return createCorpusReduceHandler(
    { storage: root.get(Tokens.ObjectStore), results: root.get(Tokens.ResultStore), publisher: root.get(Tokens.ResultPublisher), ...observability(root) },
    { workBucket: config.workBucket, top: config.top, workerId: config.workerId, allowMissingParts: config.allowMissingParts },
  );
}
