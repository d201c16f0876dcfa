import { describe, expect, it } from 'vitest';
import { decodePostPolicy, evaluatePostPolicy, type PostPolicyDocument } from './post-policy.rule.js';

const now = new Date('2026-12-01T10:00:00Z');
const policy: PostPolicyDocument = {
  expiration: '2026-12-01T10:10:00Z',
  conditions: [['content-length-range', 1, 1000], ['eq', '$Content-Type', 'image/png'], { bucket: 'primary' }, { key: 'posts/x/photo' }, { 'X-Amz-Date': '20261201T100000Z' }],
};
const fields = { bucket: 'primary', key: 'posts/x/photo', 'Content-Type': 'image/png', 'X-Amz-Date': '20261201T100000Z', Policy: 'p', 'X-Amz-Signature': 's' };

describe('evaluatePostPolicy (S3 POST policy rules)', () => {
  it('accepts an upload that keeps every condition, field names compared case-insensitively', () => {
    expect(evaluatePostPolicy(policy, fields, 1000, now)).toEqual({ ok: true });
    const lower = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
    expect(evaluatePostPolicy(policy, lower, 1, now)).toEqual({ ok: true });
  });

  it('refuses a file outside the length range with S3 codes', () => {
    expect(evaluatePostPolicy(policy, fields, 1001, now)).toMatchObject({ ok: false, code: 'EntityTooLarge' });
    expect(evaluatePostPolicy(policy, fields, 0, now)).toMatchObject({ ok: false, code: 'EntityTooSmall' });
  });

  it('refuses another content type, another key, an extra field and an expired policy', () => {
    expect(evaluatePostPolicy(policy, { ...fields, 'Content-Type': 'text/html' }, 10, now)).toEqual({
      ok: false,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy Condition failed: ["eq","$Content-Type","image/png"]',
    });
    expect(evaluatePostPolicy(policy, { ...fields, key: 'index.html' }, 10, now)).toMatchObject({ code: 'AccessDenied', message: expect.stringContaining('{"key":"posts/x/photo"}') });
    expect(evaluatePostPolicy(policy, { ...fields, acl: 'public-read' }, 10, now)).toMatchObject({ message: 'Invalid according to Policy: Extra input fields: acl' });
    expect(evaluatePostPolicy(policy, { ...fields, 'x-ignore-note': 'fine' }, 10, now)).toEqual({ ok: true });
    expect(evaluatePostPolicy(policy, fields, 10, new Date('2026-12-01T10:10:00Z'))).toMatchObject({ code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' });
  });

  it('decodes the base64 policy field', () => {
    const encoded = Buffer.from(JSON.stringify(policy)).toString('base64');
    expect(decodePostPolicy(encoded)).toEqual(policy);
    expect(() => decodePostPolicy(Buffer.from('{"a":1}').toString('base64'))).toThrow(/not a POST policy document/);
  });
});
