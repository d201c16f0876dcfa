import { BadInputError } from '../errors.js';

/**
 * A post id sorts newest first: 13 digits of (9999999999999 - creation time in ms), then 10 random
 * characters. S3 lists keys in ascending order, so listing `posts/` yields the newest posts first
 * with no index to keep; the random part keeps two posts of the same millisecond apart.
 */
export const postIdPattern = /^\d{13}-[a-z0-9]{10}$/;

const latestMs = 9_999_999_999_999;
// 32 characters, so a byte modulo 32 picks each equally often.
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';

export function newPostId(createdAt: Date, random: (size: number) => Uint8Array = randomBytes): string {
  const inverted = String(latestMs - createdAt.getTime()).padStart(13, '0');
  const suffix = [...random(10)].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${inverted}-${suffix}`;
}

/** The creation time an id encodes. */
export function postIdTime(id: string): Date {
  return new Date(latestMs - Number(checkPostId(id).slice(0, 13)));
}

export function checkPostId(id: string): string {
  if (!postIdPattern.test(id)) {
    throw new BadInputError(`post id ${JSON.stringify(id.slice(0, 40))} is not a post id; ids look like 8235470659234-k3x9q2m1ab`);
  }
  return id;
}

/** Where a post lives in the primary bucket: its text and metadata as JSON, beside its photo. */
export function postKeys(id: string): { readonly folder: string; readonly post: string; readonly photo: string } {
  const folder = `${postsPrefix}${checkPostId(id)}/`;
  return { folder, post: `${folder}post.json`, photo: `${folder}photo` };
}

export const postsPrefix = 'posts/';

function randomBytes(size: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(size));
}
