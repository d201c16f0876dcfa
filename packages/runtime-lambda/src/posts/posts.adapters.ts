import { createS3Client, S3ObjectStore, s3ObjectStoreOptions, S3UploadPresigner } from '@wordfreq/adapters-aws';
import { Tokens } from '@wordfreq/core/di';
import { ContainerModule } from 'inversify';
import type { LambdaAdapters } from '../lambda-container.js';

/**
 * posts: S3 only: the object store for posts' JSON and the listing, and the presigner for photo
 * uploads (signing is local: it needs the client's credentials and endpoint, no call to S3).
 */
export const postsAdapters: LambdaAdapters = (config, clients) =>
  new ContainerModule(({ bind }) => {
    const s3 = clients.s3 ?? createS3Client(config);
    bind(Tokens.ObjectStore).toConstantValue(new S3ObjectStore(s3, s3ObjectStoreOptions(config)));
    bind(Tokens.UploadPresigner).toConstantValue(new S3UploadPresigner(s3));
  });
