import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { PresignedUpload, UploadGrant, UploadPresigner } from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { AwsTokens } from '../shared/aws-tokens.js';
import { callAws } from '../shared/aws-error-translator.js';

/**
 * Presigned S3 POSTs (signature V4, signed locally with the client's credentials: no request to S3).
 * The policy fixes the key and the content type exactly and the size to 1..maxBytes, so S3 itself
 * refuses any other upload with that form. The client's endpoint decides the form's URL: the bucket's
 * regional endpoint on AWS, the emulator (or the upload gate in front of it) locally.
 */
@injectable()
export class S3UploadPresigner implements UploadPresigner {
  constructor(@inject(AwsTokens.S3Client) private readonly s3: S3Client) {}

  async presignUpload(grant: UploadGrant): Promise<PresignedUpload> {
    const expiresAt = new Date(Date.now() + grant.expiresSeconds * 1000);
    const { url, fields } = await callAws(`presigning an upload to ${grant.bucket}/${grant.key}`, () =>
      createPresignedPost(this.s3 as Parameters<typeof createPresignedPost>[0], {
        Bucket: grant.bucket,
        Key: grant.key,
        Expires: grant.expiresSeconds,
        Fields: { 'Content-Type': grant.contentType },
        Conditions: [['content-length-range', 1, grant.maxBytes], ['eq', '$Content-Type', grant.contentType]],
      }),
    );
    return { url, fields, expiresAt };
  }
}
