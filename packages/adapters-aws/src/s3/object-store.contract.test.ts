import { describeObjectStoreContract } from '@wordfreq/testing';
import { startEmulatedAws, uniqueName, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll } from 'vitest';
import { S3ObjectStore } from './s3-object-store.js';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['s3'] });
});

afterAll(async () => {
  await aws?.stop();
});

// Pages of 100 keys, so the pagination test crosses several of them without writing thousands.
describeObjectStoreContract(
  'S3ObjectStore on s3rver',
  async () => ({
    store: new S3ObjectStore(aws.clients.s3, { listPageSize: 100 }),
    bucket: await aws.createBucket('contract'),
    otherBucket: await aws.createBucket('contract-copy'),
    missingBucket: uniqueName('never-created'),
    listKeyCount: 250,
    async dispose() {},
  }),
  // CopySourceIfMatch: S3 answers 412, which the adapter maps to TRANSIENT; our s3rver patch does too.
  { slowTestTimeoutMs: 180_000 },
);
