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
export { jobsAdapters, backupAdapters, visitAdapters, milestoneAdapters, corpusAdapters, corpusReduceAdapters } from './lambda-adapters.js';
export { createCorpusPlanHandler, type CorpusPlanHandlerDeps, type CorpusPlanHandlerOptions, type CorpusPlanEvent } from './corpus-plan/corpus-plan.handler.js';
export { createCorpusMapHandler, type CorpusMapHandlerDeps, type CorpusMapHandlerOptions, type CorpusMapOutput } from './corpus-map/corpus-map.handler.js';
export { createCorpusReduceHandler, type CorpusReduceHandlerDeps, type CorpusReduceHandlerOptions, type CorpusReduceOutput } from './corpus-reduce/corpus-reduce.handler.js';
export { corpusPlanHandlerFromEnv } from './corpus-plan/corpus-plan.from-env.js';
export { corpusMapHandlerFromEnv } from './corpus-map/corpus-map.from-env.js';
export { corpusReduceHandlerFromEnv } from './corpus-reduce/corpus-reduce.from-env.js';
export { corpusKeys, corpusRunsPrefix, groupParts, type CorpusPlanOutput, type CorpusBatchInput, type CorpusReduceInput, type CorpusGroup } from './corpus/corpus-run.js';
export {
  jobsConfigFromEnv,
  backupConfigFromEnv,
  visitConfigFromEnv,
  milestoneConfigFromEnv,
  postsConfigFromEnv,
  corpusPlanConfigFromEnv,
  corpusMapConfigFromEnv,
  corpusReduceConfigFromEnv,
  lambdaEnvVariables,
  type LambdaConfig,
  type JobsLambdaConfig,
  type BackupLambdaConfig,
  type VisitLambdaConfig,
  type MilestoneLambdaConfig,
  type PostsLambdaConfig,
  type CorpusLambdaConfig,
  type CorpusPlanLambdaConfig,
  type CorpusMapLambdaConfig,
  type CorpusReduceLambdaConfig,
} from './config/lambda-config.js';
export type { LogLevel } from '@wordfreq/core';
export { TimeBudget, DeadlineError } from './time-budget.js';
