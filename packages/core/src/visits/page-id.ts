import { BadInputError } from '../errors.js';

export const maxPageIdLength = 256;

// Control characters, lone surrogates and line/paragraph separators: they break logs, keys and mail.
const forbidden = /[\p{Cc}\p{Cs}\u2028\u2029]/u;
// Format characters (category Cf: U+200B zero-width space, U+202E right-to-left override, U+FEFF,
// ZWJ...): invisible, so "/a" and "/a\u200B" look alike while counting apart, and bidi overrides
// disguise what a page id says in logs and mail. Refused, ZWJ emoji sequences included.
const invisible = /\p{Cf}/u;

/**
 * Checks a page id (a path such as `/forum/lisbon`, or any name the site uses) and returns it
 * NFC-normalised, so the same page typed two ways counts once. The rules:
 * - 1 to 256 characters (code points) after normalisation: enough for any real path, and far inside
 *   DynamoDB's 2 KB key limit even at 4 UTF-8 bytes each;
 * - no control characters, line or paragraph separators, or lone UTF-16 surrogates;
 * - no invisible format characters (Unicode category Cf);
 * - no leading or trailing white space, which would make "/a" and "/a " two counters.
 * Anything else is a BadInputError that says which rule failed and where.
 */
export function validatePageId(page: string): string {
  if (typeof page !== 'string') throw new BadInputError(`page id must be a string, got ${page === null ? 'null' : typeof page}`);
  const match = forbidden.exec(page);
  if (match) {
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new BadInputError(`page id has a forbidden character U+${code} at index ${match.index}; use printable text`);
  }
  const format = invisible.exec(page);
  if (format) {
    const code = format[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new BadInputError(`page id has an invisible format character U+${code} at index ${format.index}; remove it (zero-width and bidi characters are refused)`);
  }
  const normalized = page.normalize('NFC');
  const length = [...normalized].length;
  if (length === 0) throw new BadInputError('page id is empty; name the page visited, e.g. "/forum/lisbon"');
  if (length > maxPageIdLength) throw new BadInputError(`page id is ${length} characters long; the limit is ${maxPageIdLength}`);
  if (/^\s|\s$/u.test(normalized)) throw new BadInputError(`page id ${JSON.stringify(normalized.slice(0, 40))} starts or ends with white space; trim it`);
  return normalized;
}
