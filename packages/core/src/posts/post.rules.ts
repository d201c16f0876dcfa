import { WordFreqError } from '../errors.js';
import { formatMegabytes, type PhotoUploadPolicy } from './photo-upload.policy.js';

/** What the new-post form sends: plain text, stored exactly as sent and always rendered escaped. */
export interface NewPost {
  readonly title: string;
  readonly place: string;
  readonly text: string;
  readonly photo: { readonly contentType: string; readonly size: number };
}

/** A post as stored in `posts/<id>/post.json`. */
export interface Post {
  readonly id: string;
  readonly title: string;
  readonly place: string;
  readonly text: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly photo: { readonly key: string; readonly contentType: string };
}

/** Lengths in code points: enough for a real title, place and story; small enough for one page. */
export const postLimits = { title: 120, place: 80, text: 10_000 } as const;

/** A new post the rules refuse; `problems` lists every one, each naming its field. */
export class InvalidPostError extends WordFreqError {
  constructor(readonly problems: readonly string[]) {
    super('BAD_INPUT', problems.join('; '));
    this.name = 'InvalidPostError';
  }
}

// Text keeps line breaks and tabs; titles and places are one line. Lone surrogates and the Unicode
// line/paragraph separators break JSON consumers and logs alike.
const forbiddenInLine = /[\p{Cc}\p{Cs}\u2028\u2029]/u;
const forbiddenInText = /[^\P{Cc}\n\r\t]|[\p{Cs}\u2028\u2029]/u;

/**
 * Checks the body of a create-post request and returns it typed. Nothing is trimmed or rewritten
 * (the text is stored as sent); a field that is missing, blank, too long or holds control characters
 * is a problem, and so is a photo whose declared type or size the policy refuses.
 */
export function validateNewPost(input: unknown, policy: PhotoUploadPolicy): NewPost {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidPostError(['the request body must be a JSON object with title, place, text and photo']);
  }
  const body = input as Record<string, unknown>;
  const title = textField(body, 'title', postLimits.title, forbiddenInLine, problems);
  const place = textField(body, 'place', postLimits.place, forbiddenInLine, problems);
  const text = textField(body, 'text', postLimits.text, forbiddenInText, problems);
  const photo = photoField(body.photo, policy, problems);
  if (problems.length > 0 || photo === undefined) throw new InvalidPostError(problems);
  return { title, place, text, photo };
}

function textField(body: Record<string, unknown>, name: string, limit: number, forbidden: RegExp, problems: string[]): string {
  const value = body[name];
  if (value === undefined || value === null) {
    problems.push(`${name} is missing`);
    return '';
  }
  if (typeof value !== 'string') {
    problems.push(`${name} must be text, got ${Array.isArray(value) ? 'an array' : typeof value}`);
    return '';
  }
  if (value.trim() === '') problems.push(`${name} is empty`);
  const length = [...value].length;
  if (length > limit) problems.push(`${name} is ${length} characters long; the limit is ${limit}`);
  const bad = forbidden.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    problems.push(`${name} has a control character U+${code} at index ${bad.index}; use printable text`);
  }
  return value;
}

function photoField(value: unknown, policy: PhotoUploadPolicy, problems: string[]): NewPost['photo'] | undefined {
  if (typeof value !== 'object' || value === null) {
    problems.push('photo is missing: send { "contentType": ..., "size": ... } of the photo to upload');
    return undefined;
  }
  const { contentType, size } = value as Record<string, unknown>;
  const accepted = Object.values(policy.contentTypes).join(', ');
  let ok = true;
  if (typeof contentType !== 'string' || !(contentType in policy.contentTypes)) {
    problems.push(`photo type ${typeof contentType === 'string' && contentType !== '' ? contentType : '(none)'} is not accepted; use a ${accepted} image`);
    ok = false;
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) {
    problems.push('photo size must be the file size in bytes, a whole number of at least 1');
    ok = false;
  } else if (size > policy.maxBytes) {
    problems.push(`photo is ${formatMegabytes(size)}; the limit is ${formatMegabytes(policy.maxBytes)}`);
    ok = false;
  }
  return ok ? { contentType: contentType as string, size: size as number } : undefined;
}

/** The start of a post's text for the list: whole words, at most `length` characters, then "…". */
export function excerptOf(text: string, length = 160): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const chars = [...flat];
  if (chars.length <= length) return flat;
  const cut = chars.slice(0, length).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
