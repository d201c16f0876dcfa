import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatedAws, type EmulatedAws } from './emulated-aws.js';
import { emulatorCredentials, emulatorRegion } from './emulator-clients.js';
import { startS3PostPolicyGate, type S3PostPolicyGate } from './s3-post-policy-gate.js';

let aws: EmulatedAws;
let gate: S3PostPolicyGate;
const clientFor = (endpoint: string) => new S3Client({ region: emulatorRegion, credentials: emulatorCredentials, endpoint, forcePathStyle: true });

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['s3'] });
  gate = await startS3PostPolicyGate({ s3Endpoint: aws.endpoints.s3!, secrets: { S3RVER: 'S3RVER' }, corsOrigins: ['http://127.0.0.1:5173'] });
}, 60_000);
afterAll(async () => {
  await gate?.stop();
  await aws?.stop();
});

async function presign(endpoint: string, bucket: string) {
  const client = clientFor(endpoint);
  try {
    return await createPresignedPost(client, { Bucket: bucket, Key: 'photo', Fields: { 'Content-Type': 'image/png' }, Conditions: [['content-length-range', 1, 100]] });
  } finally {
    client.destroy();
  }
}

async function post(url: string, fields: Record<string, string>, size: number, origin?: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(size)]), 'p.png');
  const response = await fetch(url, { method: 'POST', body: form, headers: origin ? { origin } : {} });
  return { status: response.status, text: await response.text(), allowOrigin: response.headers.get('access-control-allow-origin') };
}

describe('S3 POST policy gate in front of s3rver', () => {
  it('is needed: s3rver alone stores a file the policy forbids', async () => {
    const bucket = await aws.createBucket('bare');
    const upload = await presign(aws.endpoints.s3!, bucket);
    expect((await post(upload.url, upload.fields, 500)).status).toBe(204);
  });

  it('refuses what S3 refuses, readable by the allowed origin only, and passes the rest to s3rver', async () => {
    const bucket = await aws.createBucket('gated');
    const upload = await presign(gate.endpoint, bucket);
    const tooBig = await post(upload.url, upload.fields, 101, 'http://127.0.0.1:5173');
    expect(tooBig).toMatchObject({ status: 400, allowOrigin: 'http://127.0.0.1:5173' });
    expect(tooBig.text).toContain('<Code>EntityTooLarge</Code>');
    expect((await post(upload.url, upload.fields, 101, 'http://evil.example')).allowOrigin).toBeNull();
    const forged = Buffer.from(JSON.stringify({ expiration: '2999-01-01T00:00:00Z', conditions: [] })).toString('base64');
    expect((await post(upload.url, { ...upload.fields, Policy: forged }, 5)).text).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect((await post(upload.url, upload.fields, 100)).status).toBe(204);
    const stored = await fetch(`${gate.endpoint}/${bucket}/photo`); // other requests pass through unchanged
    expect({ status: stored.status, size: (await stored.arrayBuffer()).byteLength, type: stored.headers.get('content-type') }).toEqual({ status: 200, size: 100, type: 'image/png' });
  });
});
