import type { ReplicateUploadDeps } from '../backup/replicate-upload.js';
import type { ProcessJobDeps, ProcessJobOptions } from '../jobs/process-job.js';
import type { HandleJobMessageDeps, HandleJobMessageOptions } from '../jobs/handle-job-message.js';
import type { JobQueue } from '../ports/queue.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { NotifyMilestoneDeps } from '../visits/notify-milestone.js';
import type { SpillStore } from '../ports/spill-store.port.js';
import type { RecordVisitDeps } from '../visits/record-visit.js';
import { defaultCoreSettings, type CoreSettings } from './core.module.js';
import { Tokens } from './tokens.js';
import type { PortResolver } from './port-map.js';

/*
 * The use cases are plain functions taking their ports as a `deps` object; these gather those objects
 * from a container, so composition roots do not repeat the token-to-field mapping. A Logger is
 * optional for the use cases, so it is taken only when bound.
 */

const optionalLogger = (container: PortResolver): { logger?: Logger } => {
  const logger = container.get<Logger>(Tokens.Logger, { optional: true });
  return logger ? { logger } : {};
};

export function processJobDeps(container: PortResolver): ProcessJobDeps {
  const spill = container.get<SpillStore>(Tokens.SpillStore, { optional: true });
  return {
    storage: container.get(Tokens.ObjectStore),
    results: container.get(Tokens.ResultStore),
    publisher: container.get(Tokens.ResultPublisher),
    clock: container.get(Tokens.Clock),
    ...optionalLogger(container),
    ...(spill ? { spill } : {}),
  };
}

/** processJob's options from the bound CoreSettings; `signal` is per job, so the caller adds it. */
export function processJobOptions(container: PortResolver, signal?: AbortSignal): ProcessJobOptions {
  const settings = container.get<CoreSettings>(Tokens.CoreSettings);
  return {
    count: settings.count,
    maxBytes: settings.maxBytes,
    ...(settings.memoryBudgetBytes === undefined ? {} : { memoryBudgetBytes: settings.memoryBudgetBytes }),
    workerId: settings.workerId,
    ...(settings.delayMs === undefined ? {} : { delayMs: settings.delayMs }),
    ...(signal ? { signal } : {}),
  };
}

/** handleJobMessage's deps: processJob's and, when bound, the jobs queue (for fanning out). */
export function handleJobMessageDeps(container: PortResolver): HandleJobMessageDeps {
  const jobs = container.get<JobQueue>(Tokens.JobQueue, { optional: true });
  return { ...processJobDeps(container), ...(jobs ? { jobs } : {}) };
}

/** handleJobMessage's options: processJob's and the message rules from the bound CoreSettings. */
export function handleJobMessageOptions(container: PortResolver): HandleJobMessageOptions {
  const settings = { ...defaultCoreSettings, ...container.get<Partial<CoreSettings>>(Tokens.CoreSettings) };
  return {
    ...processJobOptions(container),
    allowedBuckets: settings.allowedBuckets,
    maxRecordsPerMessage: settings.maxRecordsPerMessage,
    ...(settings.maxReceives === undefined ? {} : { maxReceives: settings.maxReceives }),
  };
}

export function recordVisitDeps(container: PortResolver): RecordVisitDeps {
  return { counters: container.get(Tokens.CounterStore), ...notifyMilestoneDeps(container) };
}

export function notifyMilestoneDeps(container: PortResolver): NotifyMilestoneDeps {
  return {
    claims: container.get(Tokens.ClaimStore),
    mailer: container.get(Tokens.Mailer),
    clock: container.get(Tokens.Clock),
    ...optionalLogger(container),
  };
}

export function replicateUploadDeps(container: PortResolver): ReplicateUploadDeps {
  return { storage: container.get(Tokens.ObjectStore), ...optionalLogger(container) };
}
