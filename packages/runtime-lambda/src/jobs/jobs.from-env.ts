import { FsSpillStore } from '@wordfreq/adapters-fs';
import { processJobDeps, Tokens } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { jobsConfigFromEnv } from '../config/lambda-config.js';
import { jobsAdapters } from '../lambda-adapters.js';
import { createLambdaContainerWith, observability, type FromEnvOptions } from '../lambda-container.js';
import { createJobsHandler } from './jobs.handler.js';

/** Environment -> checked configuration -> container -> the jobs handler. Called once per cold start. */
export function jobsHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = jobsConfigFromEnv(env);
  const container = createLambdaContainerWith(config, { ...options, service: 'jobs', settings: { ...config.job } }, jobsAdapters);
  return createJobsHandler(
    {
      ...processJobDeps(container),
      ...observability(container),
      queue: container.get(Tokens.JobQueue),
      ...(config.spill ? { spill: new FsSpillStore({ dir: config.spill.dir, quotaBytes: config.spill.quotaBytes }) } : {}),
    },
    { job: config.job, concurrency: config.concurrency, marginMs: config.marginMs },
  );
}
