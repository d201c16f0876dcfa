import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { dataRemovalPolicy } from './data-retention.js';

export interface SecureBucketProps {
  readonly dev: boolean;
  /** Server access logs go here (under `<prefix>/`); absent only for the log bucket itself. */
  readonly accessLogs?: { readonly bucket: s3.IBucket; readonly prefix: string };
  readonly versioned?: boolean;
  readonly lifecycleRules?: s3.LifecycleRule[];
  readonly bucketName?: string;
  /** CORS rules (the primary bucket: browsers' presigned POST uploads from the site). */
  readonly cors?: s3.CorsRule[];
}

/** A private bucket: no public access, TLS only, SSE-S3, access-logged, kept on teardown unless dev. */
export function secureBucket(scope: Construct, id: string, props: SecureBucketProps): s3.Bucket {
  return new s3.Bucket(scope, id, {
    ...(props.bucketName === undefined ? {} : { bucketName: props.bucketName }),
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: props.versioned ?? false,
    ...(props.lifecycleRules ? { lifecycleRules: props.lifecycleRules } : {}),
    ...(props.cors ? { cors: props.cors } : {}),
    ...(props.accessLogs ? { serverAccessLogsBucket: props.accessLogs.bucket, serverAccessLogsPrefix: `${props.accessLogs.prefix}/` } : {}),
    removalPolicy: dataRemovalPolicy(props.dev),
    autoDeleteObjects: false,
  });
}

/**
 * The stack's log bucket: S3 server access logs and, for MyTravel, CloudFront's standard logs (which
 * need ACLs, hence object writer ownership). Logs expire after `retentionDays`.
 */
export function logBucket(scope: Construct, id: string, props: { dev: boolean; retentionDays: number; cloudFront?: boolean }): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: props.cloudFront ? s3.ObjectOwnership.OBJECT_WRITER : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(props.retentionDays) }],
    removalPolicy: dataRemovalPolicy(props.dev),
  });
}
