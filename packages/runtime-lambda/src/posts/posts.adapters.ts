import { createS3Client, S3ObjectStore, s3ObjectStoreOptions, S3UploadPresigner } from '@wordfreq/adapters-aws/s3';
import { Tokens } from '@wordfreq/core/di';
import type { LambdaAdapters } from '../lambda-root.js';

/**
 * posts: S3 only: the object store for posts' JSON and the listing, and the presigner for photo
 * uploads (signing is local: it needs the client's credentials and endpoint, no call to S3).
 */
export const postsAdapters: LambdaAdapters = (config, clients) => {
  const s3 = clients.s3 ?? createS3Client(config);
  return [
    [Tokens.ObjectStore, new S3ObjectStore(s3, s3ObjectStoreOptions(config))],
    [Tokens.UploadPresigner, new S3UploadPresigner(s3)],
  ];
};
