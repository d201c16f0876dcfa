/**
 * The names a deployment gets unless configured otherwise: the results table is `wordfreq`, as in the
 * original sample. Here in core so the AWS adapters and the emulated AWS of `npm run local` (which may
 * not import the adapters) share one list.
 */
export const defaultResourceNames = {
  bucket: 'wordfreq-uploads',
  backupBucket: 'wordfreq-backup',
  jobQueue: 'wordfreq-jobs',
  deadLetterQueue: 'wordfreq-jobs-dlq',
  resultsQueue: 'wordfreq-results',
  resultsTable: 'wordfreq',
  countersTable: 'wordfreq-visits',
  claimsTable: 'wordfreq-milestones',
} as const;
