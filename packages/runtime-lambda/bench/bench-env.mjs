// Configuration that lets every bundle finish its init without any network: names and addresses
// only (SDK clients connect on first use, and no handler is invoked by the benchmark).
export function benchEnv() {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: 'wordfreq-bench',
    WORDFREQ_JOB_QUEUE: 'wordfreq-jobs',
    WORDFREQ_DEAD_LETTER_QUEUE: 'wordfreq-jobs-dlq',
    WORDFREQ_RESULTS_TABLE: 'wordfreq',
    WORDFREQ_RESULTS_QUEUE: 'wordfreq-results',
    WORDFREQ_BACKUP_BUCKET: 'wordfreq-backup',
    WORDFREQ_COUNTERS_TABLE: 'wordfreq-visits',
    WORDFREQ_CLAIMS_TABLE: 'wordfreq-milestones',
    WORDFREQ_MILESTONES: '1000000',
    WORDFREQ_MAIL_FROM: 'noreply@example.com',
    WORDFREQ_MAIL_TO: 'team@example.com',
  };
}
