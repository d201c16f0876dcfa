import { randomBytes } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { encodeS3EventKey } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupHandlerFromEnv } from '../src/backup/backup.from-env.js';
import { startedClients } from './emulator-clients.js';
import { lambdaContext, s3CreatedRecord, s3Event } from './events.js';

let aws: EmulatedAws;
beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['s3'] });
}, 60_000);
afterAll(() => aws?.stop());

describe('backup handler on s3rver', () => {
  it('uploads with spaces and unicode in their keys land in the backup bucket byte-identical, type and metadata kept', async () => {
    const [primary, backup] = await Promise.all([aws.createBucket('posts'), aws.createBucket('backup')]);
    const uploads = [
      { key: 'trips/lisbon day 1.txt', body: Buffer.from('Tram 28 up to the castle.\n'), type: 'text/plain; charset=utf-8' },
      { key: 'fotos/São Paulo/praça da Sé.jpg', body: randomBytes(300_000), type: 'image/jpeg' },
      { key: '東京/渋谷 スクランブル+交差点.png', body: randomBytes(4_096), type: 'image/png' },
      { key: 'notes/100% fun & games (draft) #1.md', body: Buffer.from('# plan\n\u00e9t\u00e9 \u{1F600}\n'), type: 'text/markdown' },
    ];
    const records = [];
    for (const u of uploads) {
      const out = await aws.clients.s3.send(
        new PutObjectCommand({ Bucket: primary, Key: u.key, Body: u.body, ContentType: u.type, Metadata: { author: 'ana', trip: 'spring' } }),
      );
      // What S3 puts in the notification: the key URL-encoded (a space as '+').
      records.push(s3CreatedRecord(primary, encodeS3EventKey(u.key), u.body.length, out.ETag!.replace(/"/g, '')));
    }
    expect(records.map((r) => r.s3.object.key)).toContain('trips/lisbon+day+1.txt');

    const env = { ...aws.env(), AWS_LAMBDA_FUNCTION_NAME: 'wordfreq-backup-test', WORDFREQ_BACKUP_BUCKET: backup };
    const handler = backupHandlerFromEnv(env, { clients: startedClients(aws), writeLine: () => {} });
    await handler(s3Event(records), lambdaContext());
    await handler(s3Event(records.slice(0, 1)), lambdaContext()); // S3 may deliver an event twice

    for (const u of uploads) {
      const copy = await aws.clients.s3.send(new GetObjectCommand({ Bucket: backup, Key: u.key }));
      const bytes = Buffer.from(await copy.Body!.transformToByteArray());
      expect(bytes.equals(u.body), `${u.key} differs`).toBe(true);
      expect(copy.ContentType).toBe(u.type);
      // The backup also records which source version it holds (the reliability rule on backups).
      const source = await aws.clients.s3.send(new HeadObjectCommand({ Bucket: primary, Key: u.key }));
      expect(copy.Metadata).toEqual({ author: 'ana', trip: 'spring', 'wordfreq-source-etag': source.ETag!.replace(/"/g, '') });
    }
  }, 60_000);

  it('fails the invocation, so Lambda retries it, when the backup bucket does not exist', async () => {
    const primary = await aws.createBucket('posts');
    const out = await aws.clients.s3.send(new PutObjectCommand({ Bucket: primary, Key: 'a b.txt', Body: 'x' }));
    const env = { ...aws.env(), WORDFREQ_BACKUP_BUCKET: 'no-such-backup-bucket' };
    const handler = backupHandlerFromEnv(env, { clients: startedClients(aws), writeLine: () => {} });
    await expect(handler(s3Event([s3CreatedRecord(primary, 'a+b.txt', 1, out.ETag!.replace(/"/g, ''))]), lambdaContext())).rejects.toThrow(
      `1 of 1 uploads were not backed up to no-such-backup-bucket (${primary}/a b.txt)`,
    );
  }, 30_000);
});
