/**
 * S3's rules for a browser POST upload, as a pure function: given the policy document the upload
 * carries, its form fields and the file's size, does S3 accept it? It is what s3rver (which stores
 * any POST) and the in-memory store lack; the signature check, which needs the secret, is not here.
 * The rules, from the S3 POST policy documentation: the policy must not have expired; every
 * condition must hold (exact match, `eq`, `starts-with`, `content-length-range`); every form field
 * but `policy`, `x-amz-signature`, `file` and `x-ignore-*` must be named by a condition. Field names
 * compare case-insensitively, values exactly.
 */
export interface PostPolicyDocument {
  readonly expiration: string;
  readonly conditions: readonly unknown[];
}

export type PostPolicyVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'AccessDenied' | 'EntityTooLarge' | 'EntityTooSmall' | 'InvalidPolicyDocument'; readonly message: string };

const exempt = new Set(['policy', 'x-amz-signature', 'file']);

export function evaluatePostPolicy(policy: PostPolicyDocument, fields: Readonly<Record<string, string>>, fileSize: number, now: Date): PostPolicyVerdict {
  const expires = Date.parse(policy.expiration);
  if (Number.isNaN(expires)) return { ok: false, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid expiration' };
  if (expires <= now.getTime()) return { ok: false, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' };
  const values = new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
  const named = new Set<string>();
  const failed = (condition: unknown): PostPolicyVerdict => ({
    ok: false,
    code: 'AccessDenied',
    message: `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
  });

  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [operator, first, second] = condition as unknown[];
      if (operator === 'content-length-range') {
        const [min, max] = [Number(first), Number(second)];
        if (fileSize > max) return { ok: false, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size' };
        if (fileSize < min) return { ok: false, code: 'EntityTooSmall', message: 'Your proposed upload is smaller than the minimum allowed size' };
        continue;
      }
      if ((operator !== 'eq' && operator !== 'starts-with') || typeof first !== 'string' || !first.startsWith('$') || typeof second !== 'string') {
        return { ok: false, code: 'InvalidPolicyDocument', message: `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}` };
      }
      const name = first.slice(1).toLowerCase();
      named.add(name);
      const value = values.get(name) ?? '';
      if (operator === 'eq' ? value !== second : !value.startsWith(second)) return failed(condition);
    } else if (typeof condition === 'object' && condition !== null) {
      for (const [rawName, expected] of Object.entries(condition)) {
        const name = rawName.toLowerCase();
        named.add(name);
        if (values.get(name) !== String(expected)) return failed(condition);
      }
    } else {
      return { ok: false, code: 'InvalidPolicyDocument', message: `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}` };
    }
  }
  const extra = [...values.keys()].filter((name) => !exempt.has(name) && !name.startsWith('x-ignore-') && !named.has(name));
  if (extra.length > 0) return { ok: false, code: 'AccessDenied', message: `Invalid according to Policy: Extra input fields: ${extra.join(', ')}` };
  return { ok: true };
}

/** The policy a presigned POST carries in its `Policy` field (base64 of the JSON document). */
export function decodePostPolicy(encoded: string): PostPolicyDocument {
  const text = new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  const document = JSON.parse(text) as PostPolicyDocument;
  if (typeof document?.expiration !== 'string' || !Array.isArray(document.conditions)) {
    throw new Error('the policy is not a POST policy document (expiration and conditions)');
  }
  return document;
}
