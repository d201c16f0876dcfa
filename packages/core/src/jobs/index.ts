export { parseJobMessage, type JobMessageRules } from './job-message.parser.js';
export { s3BucketNameProblem } from './s3-bucket-name.js';
export { fitResultToLimits, truncateUtf8, resultLimits, type FittedResult } from './result-limits.js';
export { saveAndPublish, type SaveAndPublishDeps } from './save-and-publish.js';
export { republishUnpublished, type RepublishDeps, type RepublishReport } from './republish-unpublished.js';
export { encodeS3EventKey, decodeS3EventKey } from './s3-key-codec.js';
export { toS3EventNotification, type S3EventObject, type S3EventNotificationOptions } from './s3-event-notification.js';
export { resultId, type ResultIdentity } from './result-id.js';
export { toResultMessage, parseResultMessage, resultMessageSchema, type ResultMessage } from './result-message.js';
export { toGoResultMessage, goResultMessageJson, parseGoResultMessage, goSampleResult, type GoResultMessage, type GoSampleHolds } from './go-result-message.js';
export { resultMessageBody, readResultMessage, resultMessageFormats, defaultResultMessageFormat, type ResultMessageFormat } from './result-message-format.js';
export { guardTextBody, defaultSniffBytes, type TextBodyGuardOptions } from './text-body-guard.js';
export { jobSlots, type JobSlots } from './job-slots.js';
export { processJob, isPermanentJobFailure, type ProcessJobDeps, type ProcessJobOptions, type ProcessedJob } from './process-job.js';
export { handleJobMessage, type MessageOutcome, type HandleJobMessageDeps, type HandleJobMessageOptions } from './handle-job-message.js';
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
