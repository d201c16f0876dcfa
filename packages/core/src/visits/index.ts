export { milestonesCrossed } from './milestone.rule.js';
export { claimantFor, crossingOfClaim, crossingsBetween, type Crossing } from './crossing.js';
export { crossingsFromImages } from './counter-stream.js';
export { validatePageId, maxPageIdLength } from './page-id.js';
export { milestoneMail, checkMilestoneMailOptions, groupDigits, defaultResumeAfterMs, type MilestoneMailOptions } from './milestone-mail.js';
export { notifyMilestone, type NotifyMilestoneDeps, type NotifyOutcome } from './notify-milestone.js';
export { resumeUnsentMilestones, type MilestoneSweepDeps, type MilestoneSweepOptions, type MilestoneSweepReport } from './resume-unsent-milestones.js';
export { recordVisit, type RecordVisitDeps, type RecordVisitOptions, type VisitRecorded } from './record-visit.js';
