import { S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '@wordfreq/core';
import { emulatorCredentials, emulatorRegion, startEmulatedAws, startS3PostPolicyGate, type EmulatedAws, type S3PostPolicyGate } from '@wordfreq/local-aws';
import { describeUploadPresignerContract } from '@wordfreq/testing';
import { afterAll, beforeAll } from 'vitest';
import { S3ObjectStore } from './s3-object-store.js';
import { S3UploadPresigner } from './s3-upload-presigner.js';

let aws: EmulatedAws;
let gate: S3PostPolicyGate;
let presignClient: S3Client;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['s3'] });
  // s3rver ignores POST policies; the gate checks signature and policy as S3 does (see its comment).
  gate = await startS3PostPolicyGate({ s3Endpoint: aws.endpoints.s3!, secrets: { [emulatorCredentials.accessKeyId]: emulatorCredentials.secretAccessKey } });
  presignClient = new S3Client({ region: emulatorRegion, credentials: emulatorCredentials, endpoint: gate.endpoint, forcePathStyle: true });
});

afterAll(async () => {
  presignClient?.destroy();
  await gate?.stop();
  await aws?.stop();
});

describeUploadPresignerContract('S3UploadPresigner (@aws-sdk/s3-presigned-post) on s3rver behind the POST policy gate', async () => {
  const bucket = await aws.createBucket('uploads');
  const store = new S3ObjectStore(aws.clients.s3);
  return {
    presigner: new S3UploadPresigner(presignClient),
    bucket,
    async post(upload, fields, file) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([file]), 'photo.png');
      const response = await fetch(upload.url, { method: 'POST', body: form });
      const text = await response.text();
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
      return { status: response.status, ...(code === undefined ? {} : { code }) };
    },
    async find(key) {
      try {
        return await store.head({ bucket, key });
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    async dispose() {},
  };
});
