/**
 * What a post's photo may be, as data: the API checks the browser's declared type and size against it
 * for an early, readable refusal, and the presigned POST's policy carries the same limits, so the
 * bucket refuses a file that does not keep them whatever the browser declared.
 */
export interface PhotoUploadPolicy {
  readonly maxBytes: number;
  /** Content types accepted, with the name a person knows them by. */
  readonly contentTypes: Readonly<Record<string, string>>;
  /** Lifetime of a presigned POST: long enough for a slow phone upload of `maxBytes`. */
  readonly expiresSeconds: number;
}

export const defaultPhotoUploadPolicy: PhotoUploadPolicy = {
  maxBytes: 10 * 1024 * 1024,
  contentTypes: { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' },
  expiresSeconds: 600,
};

/** "10 MB" for 10 MiB: what a person reading a form's hint expects. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
