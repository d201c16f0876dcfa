import { describeObjectStoreContract } from '@wordfreq/testing';
import { startMotoAws, uniqueName, type MotoAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll } from 'vitest';
import { S3ObjectStore } from './s3-object-store.js';

let aws: MotoAws;

beforeAll(async () => {
  aws = await startMotoAws();
});

afterAll(async () => {
  await aws?.stop();
});

// The same contract as on s3rver, on moto's S3 unpatched (no copy-source or range fixes).
describeObjectStoreContract(
  'S3ObjectStore on moto',
  async () => ({
    store: new S3ObjectStore(aws.clients.s3, { listPageSize: 100 }),
    bucket: await aws.createBucket('contract'),
    otherBucket: await aws.createBucket('contract-copy'),
    missingBucket: uniqueName('never-created'),
    listKeyCount: 250,
    async dispose() {},
  }),
  // moto 5.2 ignores CopySourceIfMatch (EMULATORS.md); the patched s3rver run covers that case.
  { slowTestTimeoutMs: 180_000, copyPreconditions: false },
);
