import { decodePostPolicy, evaluatePostPolicy, systemClock, type Clock, type PresignedUpload, type UploadGrant, type UploadPresigner } from '@wordfreq/core';
import type { MemoryObjectStore } from './memory-object-store.js';

/** What S3 answers to a browser POST: 204 and the stored key, or its error code and message. */
export type MemoryPostOutcome =
  | { readonly status: 204; readonly key: string }
  | { readonly status: 400 | 403 | 404; readonly code: string; readonly message: string };

/**
 * Presigned POSTs for a MemoryObjectStore, with S3's policy rules: `post` is what S3 does when the
 * browser submits the form, so tests can upload the way a browser would and be refused the way S3
 * refuses. The policy travels base64-encoded in the `Policy` field as on S3; there is no signature
 * (nothing leaves the process), so a test that edits the policy itself proves nothing here.
 */
export class MemoryUploadPresigner implements UploadPresigner {
  constructor(
    private readonly store: MemoryObjectStore,
    private readonly clock: Clock = systemClock,
  ) {}

  async presignUpload(grant: UploadGrant): Promise<PresignedUpload> {
    const expiresAt = new Date(this.clock.now().getTime() + grant.expiresSeconds * 1000);
    const fields = { bucket: grant.bucket, key: grant.key, 'Content-Type': grant.contentType };
    const policy = {
      expiration: expiresAt.toISOString(),
      conditions: [['content-length-range', 1, grant.maxBytes], ['eq', '$Content-Type', grant.contentType], ...Object.entries(fields).map(([name, value]) => ({ [name]: value }))],
    };
    return { url: `memory://${grant.bucket}`, fields: { ...fields, Policy: Buffer.from(JSON.stringify(policy)).toString('base64') }, expiresAt };
  }

  /** The browser's form submission to `url`: every field, then the file. */
  async post(url: string, fields: Readonly<Record<string, string>>, file: Uint8Array): Promise<MemoryPostOutcome> {
    const bucket = url.replace(/^memory:\/\//, '');
    const encoded = Object.entries(fields).find(([name]) => name.toLowerCase() === 'policy')?.[1];
    if (encoded === undefined) return { status: 403, code: 'AccessDenied', message: 'Bucket POST must contain a field named Policy' };
    const verdict = evaluatePostPolicy(decodePostPolicy(encoded), { ...fields, bucket: fields.bucket ?? bucket }, file.length, this.clock.now());
    if (!verdict.ok) return { status: verdict.code === 'AccessDenied' ? 403 : 400, code: verdict.code, message: verdict.message };
    const key = fields.key as string;
    const contentType = Object.entries(fields).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    await this.store.put({ bucket, key }, file, contentType === undefined ? {} : { contentType });
    return { status: 204, key };
  }
}
