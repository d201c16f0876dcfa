import { ensureInfrastructure, envForAwsNames, type AwsResourceNames, type Infrastructure } from '@wordfreq/adapters-aws';
import { uniqueName, type EmulatedAws, type S3EventBridge } from '@wordfreq/local-aws';
import { createContainer, startWorker, workerConfigFromEnv, type RunningWorker } from '@wordfreq/runtime-ec2';

export interface EmulatedDeployment {
  readonly names: AwsResourceNames;
  readonly infra: Infrastructure;
  /** Turns uploads to the bucket into S3 notifications on the jobs queue; stop it after the tests. */
  readonly bridge: S3EventBridge;
  /** The emulators' endpoints and credentials, and every resource name, as the CLI reads them. */
  readonly env: Record<string, string>;
}

/**
 * One WordFreq deployment on the emulators, under fresh names: buckets, queues (jobs with a short
 * visibility and redrive, so tests see retries quickly) and tables, with uploads bridged to jobs.
 */
export async function emulatedDeployment(aws: EmulatedAws): Promise<EmulatedDeployment> {
  const names: AwsResourceNames = {
    bucket: uniqueName('uploads'),
    backupBucket: uniqueName('backup'),
    jobQueue: uniqueName('jobs'),
    deadLetterQueue: uniqueName('jobs-dlq'),
    resultsQueue: uniqueName('results'),
    resultsTable: uniqueName('wordfreq'),
    countersTable: uniqueName('visits'),
    claimsTable: uniqueName('claims'),
  };
  const infra = await ensureInfrastructure(aws.clients, names, { visibilitySeconds: 5, maxReceiveCount: 2 });
  const bridge = aws.bridgeS3EventsToQueue({ queueUrl: infra.jobQueueUrl, bucket: names.bucket });
  return { names, infra, bridge, env: { ...aws.env(), ...envForAwsNames(names) } };
}

/**
 * The EC2 worker on `deployment`, in this process, on the emulators' S3, SQS and DynamoDB clients (it
 * sends no mail): 2 slots, short polls and visibility, no metrics; `env` adds or overrides settings.
 */
export async function startDeploymentWorker(aws: EmulatedAws, deployment: EmulatedDeployment, env: Record<string, string>): Promise<RunningWorker> {
  const { names, infra } = deployment;
  const config = workerConfigFromEnv({
    AWS_REGION: 'us-east-1',
    WORKER_QUEUE_URL: infra.jobQueueUrl,
    WORKER_ALLOWED_BUCKETS: names.bucket,
    WORKER_RESULT_QUEUE_URL: infra.resultsQueueUrl,
    WORKER_RESULT_TABLENAME: names.resultsTable,
    WORKER_DEAD_LETTER_QUEUE_URL: infra.deadLetterQueueUrl,
    WORKER_COUNT: '2',
    WORKER_WAIT_SECONDS: '1',
    WORKER_MESSAGE_VISIBILITY: '5',
    WORKER_METRICS_INTERVAL_SECONDS: '0',
    ...env,
  });
  const { s3, sqs, dynamodb } = aws.clients;
  return startWorker(config, { container: createContainer(config, { awsClients: { s3, sqs, dynamodb }, writeLine: () => {} }) });
}
