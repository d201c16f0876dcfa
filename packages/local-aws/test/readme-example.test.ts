// The README's example, run: start two emulators, use a client, stop.
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { startEmulatedAws } from '@wordfreq/local-aws';
import { expect, it } from 'vitest';

it('runs the README example', { timeout: 60_000 }, async () => {
  const aws = await startEmulatedAws({ services: ['s3', 'sqs'] });
  try {
    const bucket = await aws.createBucket('demo');
    await expect(aws.clients.s3.send(new HeadBucketCommand({ Bucket: bucket }))).resolves.toBeDefined();
    expect(aws.env()).toMatchObject({ AWS_ENDPOINT_URL_S3: aws.endpoints.s3, AWS_ENDPOINT_URL_SQS: aws.endpoints.sqs });
  } finally {
    await aws.stop();
  }
});
