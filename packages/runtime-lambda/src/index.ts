// The library side of @wordfreq/runtime-lambda: handler factories (ports in, handler out), their
// wiring from environment variables, and the configuration readers. The deployable bundles are the
// `*.entry.ts` files, built to dist/lambda/<name>/index.mjs.
export { createJobsHandler, type JobsHandlerDeps, type JobsHandlerOptions } from './jobs/jobs.handler.js';
export { createBackupHandler, type BackupHandlerDeps, type BackupHandlerOptions } from './backup/backup.handler.js';
export { createVisitHandler, type VisitHandlerDeps, type VisitResponse } from './visit/visit.handler.js';
export { createMilestoneHandler, type MilestoneHandlerDeps, type MilestoneHandlerOptions } from './milestone/milestone.handler.js';
export { jobsHandlerFromEnv } from './jobs/jobs.from-env.js';
export { backupHandlerFromEnv } from './backup/backup.from-env.js';
export { visitHandlerFromEnv } from './visit/visit.from-env.js';
export { milestoneHandlerFromEnv } from './milestone/milestone.from-env.js';
export { createLambdaRoot, lambdaObservability, observability, type LambdaAdapters, type LambdaContainerOptions, type FromEnvOptions } from './lambda-root.js';
export { createLambdaContainer } from './lambda-container.js';
export { dynamoDbStreamEvent } from './milestone/stream-event.js';
export { createPostsHandler, type PostsHandlerDeps, type PostsHandlerOptions } from './posts/posts.handler.js';
export { postsHandlerFromEnv, type PostsFromEnvOptions } from './posts/posts.from-env.js';
export { postsAdapters } from './posts/posts.adapters.js';
export { jobsAdapters, backupAdapters, visitAdapters, milestoneAdapters } from './lambda-adapters.js';
export {
  jobsConfigFromEnv,
  backupConfigFromEnv,
  visitConfigFromEnv,
  milestoneConfigFromEnv,
  postsConfigFromEnv,
  lambdaEnvVariables,
  type LambdaConfig,
  type JobsLambdaConfig,
  type BackupLambdaConfig,
  type VisitLambdaConfig,
  type MilestoneLambdaConfig,
  type PostsLambdaConfig,
} from './config/lambda-config.js';
export type { LogLevel } from '@wordfreq/core';
export { TimeBudget, DeadlineError } from './time-budget.js';
