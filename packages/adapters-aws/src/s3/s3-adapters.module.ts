import type { S3Client } from '@aws-sdk/client-s3';
import { Tokens } from '@wordfreq/core/di';
import { ContainerModule } from 'inversify';
import { clientOptionsOf, type AwsAdaptersConfig } from '../shared/aws-config.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { createS3Client } from './s3-client.js';
import { S3ObjectStore } from './s3-object-store.js';
import { s3ObjectStoreOptions } from './s3-object-store-options.js';
import { S3UploadPresigner } from './s3-upload-presigner.js';

/**
 * Binds `Tokens.ObjectStore` to `S3ObjectStore` and `Tokens.UploadPresigner` to `S3UploadPresigner`
 * (singletons) over one S3 client: `clients.s3`, or one
 * made for `config.region` with the SDK's defaults.
 */
export function s3Adapters(config: AwsAdaptersConfig, clients: { readonly s3?: S3Client } = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(AwsTokens.S3Client).toConstantValue(clients.s3 ?? createS3Client(clientOptionsOf(config)));
    bind(AwsTokens.S3ObjectStoreOptions).toConstantValue(s3ObjectStoreOptions(config));
    bind(Tokens.ObjectStore).to(S3ObjectStore).inSingletonScope();
    bind(Tokens.UploadPresigner).to(S3UploadPresigner).inSingletonScope();
  });
}
