import type { AwsClientOptions } from './aws-client-options.js';
import { defaultResourceNames, type ResultMessageFormat } from '@wordfreq/core';
import type { EmfMetricsOptions } from '@wordfreq/observability';

/** Where the system's data lives on AWS. Queues may be given by name or URL. */
export interface AwsResourceNames {
  /** Uploads (the primary bucket: WordFreq inputs, MyTravel posts). */
  readonly bucket: string;
  /** MyTravel's backup copy of every upload (Glacier after a while). */
  readonly backupBucket: string;
  readonly jobQueue: string;
  /** Where unreadable jobs go with their reason; the job queue's redrive target. Absent: no dead-lettering. */
  readonly deadLetterQueue?: string;
  readonly resultsQueue: string;
  /** Partition key `Filename`, as the original sample. */
  readonly resultsTable: string;
  /** Visit counters (with a stream for the milestone handler). */
  readonly countersTable: string;
  /** Milestone claims. */
  readonly claimsTable: string;
}

export const defaultAwsResourceNames = defaultResourceNames satisfies AwsResourceNames;

export interface AwsAdaptersConfig {
  readonly region: string;
  readonly names: AwsResourceNames;
  /** See `S3ObjectStoreOptions.multipartThresholdBytes` (default 16 MiB). */
  readonly multipartThresholdBytes?: number;
  readonly metrics?: EmfMetricsOptions;
  /** JSON of results-queue messages: `wordfreq` (ours, default) or `go` (see `SqsResultPublisherOptions.format`). */
  readonly resultFormat?: ResultMessageFormat;
  /** See `AwsClientOptions.maxSockets`: for the clients these adapters create. */
  readonly maxSockets?: number;
}

/** The options of the SDK clients the adapters create for `config` (those not given by the caller). */
export function clientOptionsOf(config: AwsAdaptersConfig): AwsClientOptions {
  return { region: config.region, ...(config.maxSockets === undefined ? {} : { maxSockets: config.maxSockets }) };
}
