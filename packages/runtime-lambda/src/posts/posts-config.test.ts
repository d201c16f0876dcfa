import { configProblems } from '@wordfreq/testing';
import { describe, expect, it } from 'vitest';
import { postsConfigFromEnv } from '../config/lambda-config.js';

const base = { AWS_REGION: 'eu-west-1', WORDFREQ_BUCKET: 'mytravel-primary', WORDFREQ_SITE_ORIGIN: 'https://mytravel.example' };

describe('postsConfigFromEnv', () => {
  it('reads the bucket, the site origin and the photo limits', () => {
    expect(postsConfigFromEnv(base).posts).toEqual({
      bucket: 'mytravel-primary',
      siteOrigin: 'https://mytravel.example',
      policy: { maxBytes: 10 * 1024 * 1024, contentTypes: { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' }, expiresSeconds: 600 },
    });
    expect(postsConfigFromEnv({ ...base, WORDFREQ_MAX_PHOTO_BYTES: '2MiB', WORDFREQ_UPLOAD_SECONDS: '60' }).posts.policy).toMatchObject({ maxBytes: 2 * 1024 * 1024, expiresSeconds: 60 });
  });

  it('requires the bucket and an origin (no path), naming each variable', () => {
    const problems = configProblems(() => postsConfigFromEnv({ AWS_REGION: 'eu-west-1', WORDFREQ_SITE_ORIGIN: 'https://mytravel.example/forum' }));
    expect(problems).toEqual([
      expect.stringMatching(/^WORDFREQ_BUCKET is required/),
      'WORDFREQ_SITE_ORIGIN must be an origin such as https://mytravel.example (scheme and host, no path), got "https://mytravel.example/forum"',
    ]);
  });
});
