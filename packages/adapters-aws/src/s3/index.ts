export { s3Adapters } from './s3-adapters.module.js';
export { createS3Client } from './s3-client.js';
export { S3ObjectStore, glacierRuleId, minimumPartBytes, type S3ObjectStoreOptions } from './s3-object-store.js';
export { s3ObjectStoreOptions } from './s3-object-store-options.js';
export { S3UploadPresigner } from './s3-upload-presigner.js';
