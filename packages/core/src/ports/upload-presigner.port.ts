/** One browser upload to allow: exactly this key, this content type, at most this many bytes. */
export interface UploadGrant {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  /** Largest object accepted, in bytes; the smallest is 1. */
  readonly maxBytes: number;
  /** How long the grant may be used, from now. */
  readonly expiresSeconds: number;
}

/**
 * An HTML-form upload (S3 "POST object"): the browser sends `fields` and then the file (as the last
 * form part, named `file`) to `url`. The store enforces the grant; the browser cannot widen it.
 */
export interface PresignedUpload {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly expiresAt: Date;
}

/** Signs upload grants for browsers, so files go straight to the bucket and never through the API. */
export interface UploadPresigner {
  presignUpload(grant: UploadGrant): Promise<PresignedUpload>;
}
