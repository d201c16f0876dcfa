export { Tokens } from './tokens.js';
export { coreModule, defaultCoreSettings, type CoreSettings } from './core.module.js';
export { processJobDeps, processJobOptions, recordVisitDeps, replicateUploadDeps } from './use-case-deps.js';
