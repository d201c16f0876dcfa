export { Tokens } from './tokens.js';
export { coreModule, corePorts, defaultCoreSettings, type CoreSettings } from './core.module.js';
export { PortMap, type PortResolver } from './port-map.js';
export { notifyMilestoneDeps, processJobDeps, processJobOptions, recordVisitDeps, replicateUploadDeps } from './use-case-deps.js';
export {
  handleJobMessageFrom,
  processJobFrom,
  recordVisitFrom,
  notifyMilestoneFrom,
  resumeUnsentMilestonesFrom,
  replicateUploadFrom,
  type HandleJobMessageFn,
  type ProcessJobFn,
  type RecordVisitFn,
  type NotifyMilestoneFn,
  type ResumeUnsentMilestonesFn,
  type ReplicateUploadFn,
} from './use-cases.js';
