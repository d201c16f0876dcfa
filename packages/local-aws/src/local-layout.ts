import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { defaultResourceNames } from '@wordfreq/core';

/**
 * What `npm run local` creates: core's default names, and the AWS adapters' table keys. This package
 * may not import @wordfreq/adapters-aws (it is that package's test kit: the dependency would be a
 * cycle), so the table shapes are restated here; adapters-aws's `local-layout.drift.test.ts` fails if
 * they differ.
 */
export const localAwsNames = defaultResourceNames;

type TableShape = Pick<CreateTableCommandInput, 'AttributeDefinitions' | 'KeySchema' | 'StreamSpecification' | 'BillingMode'>;

const onDemand = { BillingMode: 'PAY_PER_REQUEST' } as const;

export const localTableShapes: Readonly<Record<'resultsTable' | 'countersTable' | 'claimsTable', TableShape>> = {
  resultsTable: {
    ...onDemand,
    AttributeDefinitions: [{ AttributeName: 'Filename', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'Filename', KeyType: 'HASH' }],
  },
  countersTable: {
    ...onDemand,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    AttributeDefinitions: [{ AttributeName: 'Counter', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'Counter', KeyType: 'HASH' }],
  },
  claimsTable: {
    ...onDemand,
    AttributeDefinitions: [{ AttributeName: 'Threshold', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'Threshold', KeyType: 'HASH' }],
  },
};

/** The jobs queue's settings: the original sample's 60 s visibility, redrive after 5 receives. */
export const localJobQueueSettings = { visibilitySeconds: 60, maxReceiveCount: 5 } as const;

export interface LocalQueueUrls {
  readonly jobQueue: string;
  readonly deadLetterQueue: string;
  readonly resultsQueue: string;
}

/**
 * The variables that point the CLI, the EC2 worker and the Lambda handlers at the local resources:
 * `WORDFREQ_*` (read by the AWS adapters' `awsConfigFromEnv`) and the worker's `WORKER_*` names.
 */
export function localResourceEnv(urls: LocalQueueUrls): Record<string, string> {
  return {
    WORDFREQ_BUCKET: localAwsNames.bucket,
    WORDFREQ_BACKUP_BUCKET: localAwsNames.backupBucket,
    WORDFREQ_JOB_QUEUE: urls.jobQueue,
    WORDFREQ_DEAD_LETTER_QUEUE: urls.deadLetterQueue,
    WORDFREQ_RESULTS_QUEUE: urls.resultsQueue,
    WORDFREQ_RESULTS_TABLE: localAwsNames.resultsTable,
    WORDFREQ_COUNTERS_TABLE: localAwsNames.countersTable,
    WORDFREQ_CLAIMS_TABLE: localAwsNames.claimsTable,
    WORKER_QUEUE_URL: urls.jobQueue,
    WORKER_DEAD_LETTER_QUEUE_URL: urls.deadLetterQueue,
    WORKER_RESULT_QUEUE_URL: urls.resultsQueue,
    WORKER_RESULT_TABLENAME: localAwsNames.resultsTable,
  };
}
