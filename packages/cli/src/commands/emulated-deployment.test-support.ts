import { ensureInfrastructure, envForAwsNames, type AwsResourceNames, type Infrastructure } from '@wordfreq/adapters-aws';
import { uniqueName, type EmulatedAws, type S3EventBridge } from '@wordfreq/local-aws';

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
