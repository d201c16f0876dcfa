import { handleJobMessageFrom, Tokens } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { jobsConfigFromEnv } from '../config/lambda-config.js';
import { jobsAdapters } from '../lambda-adapters.js';
import { createLambdaContainerWith, observability, type FromEnvOptions } from '../lambda-container.js';
import { createJobsHandler } from './jobs.handler.js';

/** Environment -> checked configuration -> container -> the jobs handler. Called once per cold start. */
export function jobsHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = jobsConfigFromEnv(env);
  // The job settings become the container's CoreSettings, which the bound use case reads.
  const container = createLambdaContainerWith(config, { ...options, service: 'jobs', settings: config.job }, jobsAdapters);
  return createJobsHandler(
    { handleJobMessage: handleJobMessageFrom(container), queue: container.get(Tokens.JobQueue), ...observability(container) },
    { concurrency: config.concurrency, marginMs: config.marginMs },
  );
}
