import { FsSpillStore } from '@wordfreq/adapters-fs';
import { handleJobMessageFrom, Tokens } from '@wordfreq/core/di';
import { batchedPublisher, type Env, type ResultPublisher } from '@wordfreq/core';
import { jobsConfigFromEnv } from '../config/lambda-config.js';
import { jobsAdapters } from '../lambda-adapters.js';
import { createLambdaRoot, observability, type FromEnvOptions } from '../lambda-root.js';
import { createJobsHandler } from './jobs.handler.js';

/** Environment -> checked configuration -> composition root -> the jobs handler. Called once per cold start. */
export function jobsHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = jobsConfigFromEnv(env);
  // The job settings become the root's CoreSettings, which the bound use case reads.
  const root = createLambdaRoot(config, { ...options, service: 'jobs', settings: config.job }, jobsAdapters);
  // A count over its memory budget spills to /tmp within the quota, or fails with TOO_MANY_WORDS.
  if (config.spill) root.bind(Tokens.SpillStore, new FsSpillStore({ dir: config.spill.dir, quotaBytes: config.spill.quotaBytes }));
  // The records of a batch run at once (`concurrency`): their results share SendMessageBatch calls.
  const publisher = batchedPublisher(root.get<ResultPublisher>(Tokens.ResultPublisher));
  return createJobsHandler(
    { handleJobMessage: handleJobMessageFrom(root, { publisher }), queue: root.get(Tokens.JobQueue), ...observability(root) },
    { concurrency: config.concurrency, marginMs: config.marginMs },
  );
}
