export { parseJobMessage } from './job-message.parser.js';
export { encodeS3EventKey, decodeS3EventKey } from './s3-key-codec.js';
export { toS3EventNotification, type S3EventObject, type S3EventNotificationOptions } from './s3-event-notification.js';
export { resultId, type ResultIdentity } from './result-id.js';
export { toResultMessage, parseResultMessage, resultMessageSchema, type ResultMessage } from './result-message.js';
export { guardTextBody, defaultSniffBytes, type TextBodyGuardOptions } from './text-body-guard.js';
export { processJob, isPermanentJobFailure, type ProcessJobDeps, type ProcessJobOptions } from './process-job.js';
export { handleJobMessage, type MessageOutcome } from './handle-job-message.js';
export {
  settleJob,
  settleUnfinished,
  recordJobMetrics,
  JobMetricNames,
  type JobMetricName,
  type JobMetricPoint,
  type JobSettlement,
  type JobSettlementKind,
} from './job-settlement.js';
