// Apart from the S3 adapter, so that configuration checks can name the limit without loading the SDK.
/** S3's minimum multipart part size (except the last part): the lowest multipart threshold we accept. */
export const minimumPartBytes = 5 * 1024 * 1024;
