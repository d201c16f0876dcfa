import { describe, expect, it } from 'vitest';
import type { ObjectInfo, PresignedUpload, UploadPresigner } from '@wordfreq/core';
import type { StoreContractOptions } from './counter-store.contract.js';
import { freshFixturePerTest } from './contract-helpers.js';

/** What the store answered to a browser's form upload: the HTTP status and, on refusal, S3's error code. */
export interface PostedUpload {
  readonly status: number;
  readonly code?: string;
}

export interface UploadPresignerFixture {
  readonly presigner: UploadPresigner;
  /** An existing, empty bucket. */
  readonly bucket: string;
  /** Submits the form as a browser does: `fields` in order, then the file last. */
  post(upload: PresignedUpload, fields: Readonly<Record<string, string>>, file: Uint8Array): Promise<PostedUpload>;
  /** The stored object, or undefined when there is none. */
  find(key: string): Promise<ObjectInfo | undefined>;
  dispose(): Promise<void>;
}

const png = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 7) % 256);

/**
 * UploadPresigner behaviour, judged by the store that receives the upload: a form within the grant
 * stores the file under the granted key with the granted type; the store (not the browser) refuses a
 * larger file, another content type and another key.
 */
export function describeUploadPresignerContract(name: string, make: () => Promise<UploadPresignerFixture>, options: StoreContractOptions = {}): void {
  describe(`UploadPresigner contract: ${name}`, () => {
    let f: UploadPresignerFixture;
    freshFixturePerTest(make, (made) => (f = made), options);
    const grant = (key = 'posts/8203916799999-abcdefghij/photo') => ({ bucket: f.bucket, key, contentType: 'image/png', maxBytes: 2048, expiresSeconds: 300 });

    it('lets the browser store one file of the granted type under the granted key, until it expires', async () => {
      const before = Date.now();
      const upload = await f.presigner.presignUpload(grant());
      expect(upload.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 299_000);
      expect(upload.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 301_000);
      expect(await f.post(upload, upload.fields, png(2048))).toMatchObject({ status: 204 });
      const stored = await f.find('posts/8203916799999-abcdefghij/photo');
      expect(stored).toMatchObject({ size: 2048, contentType: 'image/png' });
    }, options.testTimeoutMs);

    it('refuses a file larger than the grant with EntityTooLarge, storing nothing', async () => {
      const upload = await f.presigner.presignUpload(grant());
      expect(await f.post(upload, upload.fields, png(2049))).toMatchObject({ status: 400, code: 'EntityTooLarge' });
      expect(await f.find('posts/8203916799999-abcdefghij/photo')).toBeUndefined();
    }, options.testTimeoutMs);

    it('refuses another content type or another key than granted', async () => {
      const upload = await f.presigner.presignUpload(grant());
      expect(await f.post(upload, { ...upload.fields, 'Content-Type': 'text/html' }, png(10))).toMatchObject({ status: 403, code: 'AccessDenied' });
      expect(await f.post(upload, { ...upload.fields, key: 'index.html' }, png(10))).toMatchObject({ status: 403, code: 'AccessDenied' });
      expect(await f.find('posts/8203916799999-abcdefghij/photo')).toBeUndefined();
      expect(await f.find('index.html')).toBeUndefined();
    }, options.testTimeoutMs);
  });
}
