import { describe, expect, it } from 'vitest';
import { siteContentSecurityPolicy } from '../content-security-policy.js';
import { localSiteOptionsFromEnv } from './local-site-env.js';

describe('localSiteOptionsFromEnv', () => {
  it('defaults to port 8080 and the 1,000,000-visit milestone, and reads low thresholds', () => {
    expect(localSiteOptionsFromEnv({})).toEqual({ port: 8080, milestones: [1_000_000] });
    expect(localSiteOptionsFromEnv({ MYTRAVEL_PORT: '0', MYTRAVEL_MILESTONES: '20, 50' })).toEqual({ port: 0, milestones: [20, 50] });
  });

  it('names every bad variable at once', () => {
    expect(() => localSiteOptionsFromEnv({ MYTRAVEL_PORT: 'http', MYTRAVEL_MILESTONES: '20,x' })).toThrow(
      "MYTRAVEL_PORT must be a port number from 0 to 65535, got 'http'; MYTRAVEL_MILESTONES must be whole numbers of at least 1, separated by commas, got '20,x'",
    );
  });
});

describe('siteContentSecurityPolicy', () => {
  it('allows scripts and styles from the site only, and connections to the site and the upload origin', () => {
    const policy = siteContentSecurityPolicy({ uploadOrigin: 'https://mytravel-primary.s3.eu-west-1.amazonaws.com' });
    const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'connect-src': "'self' https://mytravel-primary.s3.eu-west-1.amazonaws.com",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(policy).not.toContain('unsafe');
  });
});
