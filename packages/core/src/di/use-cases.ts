import { replicateUpload, type ReplicateUploadOptions } from '../backup/replicate-upload.js';
import { handleJobMessage, type HandleJobMessageDeps, type MessageOutcome } from '../jobs/handle-job-message.js';
import { processJob } from '../jobs/process-job.js';
import type { ObjectInfo, ObjectRef } from '../ports/object-store.port.js';
import type { CounterStore } from '../ports/counter-store.port.js';
import type { Delivery } from '../ports/queue.port.js';
import { Tokens } from './tokens.js';
import type { JobResult } from '../ports/result-store.port.js';
import type { Crossing } from '../visits/crossing.js';
import type { MilestoneMailOptions } from '../visits/milestone-mail.js';
import { notifyMilestone, type NotifyOutcome } from '../visits/notify-milestone.js';
import { resumeUnsentMilestones, type MilestoneSweepReport } from '../visits/resume-unsent-milestones.js';
import { recordVisit, type RecordVisitOptions, type VisitRecorded } from '../visits/record-visit.js';
import { handleJobMessageDeps, handleJobMessageOptions, notifyMilestoneDeps, processJobDeps, processJobOptions, recordVisitDeps, replicateUploadDeps } from './use-case-deps.js';
import type { PortResolver } from './port-map.js';

/*
 * The use cases as a composition root hands them to its driving side: each bound to the container's
 * ports (and, for the jobs, to its CoreSettings), so a runtime asks for `handleJobMessage` instead of
 * gathering ports itself. One function per use case, resolved when called, so a container holding
 * only some ports (a Lambda function's) can give the use cases those ports serve, and a bundle that
 * asks for one use case carries no other.
 */

/** `handleJobMessage` bound to the container; `signal` is per delivery (shutdown, deadline). */
export type HandleJobMessageFn = (delivery: Delivery, signal?: AbortSignal) => Promise<MessageOutcome>;
/** `processJob` bound to the container; `signal` is per job. */
export type ProcessJobFn = (job: ObjectRef, signal?: AbortSignal) => Promise<JobResult>;
export type RecordVisitFn = (page: string, options: RecordVisitOptions) => Promise<VisitRecorded>;
export type NotifyMilestoneFn = (crossing: Crossing, mail: MilestoneMailOptions) => Promise<NotifyOutcome>;
/** With `thresholds`, and a CounterStore in the container, thresholds passed without a claim are announced too. */
export type ResumeUnsentMilestonesFn = (mail: MilestoneMailOptions, thresholds?: readonly number[]) => Promise<MilestoneSweepReport>;
export type ReplicateUploadFn = (ref: ObjectRef, options: ReplicateUploadOptions) => Promise<ObjectInfo>;

/** `overrides` replace some of the container's ports (a worker's job slots, its batching publisher). */
export function handleJobMessageFrom(container: PortResolver, overrides: Partial<HandleJobMessageDeps> = {}): HandleJobMessageFn {
  const deps = { ...handleJobMessageDeps(container), ...overrides };
  const options = handleJobMessageOptions(container);
  return (delivery, signal) => handleJobMessage(delivery, deps, signal ? { ...options, signal } : options);
}

export function processJobFrom(container: PortResolver): ProcessJobFn {
  const deps = processJobDeps(container);
  const options = processJobOptions(container);
  return (job, signal) => processJob(job, deps, signal ? { ...options, signal } : options);
}

export function recordVisitFrom(container: PortResolver): RecordVisitFn {
  const deps = recordVisitDeps(container);
  return (page, options) => recordVisit(page, deps, options);
}

export function notifyMilestoneFrom(container: PortResolver): NotifyMilestoneFn {
  const deps = notifyMilestoneDeps(container);
  return (crossing, mail) => notifyMilestone(crossing, deps, mail);
}

/** The milestone recovery sweep bound to the container (claims, mailer, clock, logger; counters if it has them). */
export function resumeUnsentMilestonesFrom(container: PortResolver): ResumeUnsentMilestonesFn {
  const counters = container.get<CounterStore>(Tokens.CounterStore, { optional: true });
  const deps = { ...notifyMilestoneDeps(container), ...(counters ? { counters } : {}) };
  return (mail, thresholds) => resumeUnsentMilestones(deps, thresholds ? { ...mail, thresholds } : mail);
}

export function replicateUploadFrom(container: PortResolver): ReplicateUploadFn {
  const deps = replicateUploadDeps(container);
  return (ref, options) => replicateUpload(ref, deps, options);
}
