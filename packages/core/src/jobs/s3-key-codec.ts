import { BadInputError, BadMessageError } from '../errors.js';

/*
 * S3 writes object keys into event notifications "URL encoded" in the form-encoding style
 * ("red flower.jpg" becomes "red+flower.jpg"). Observed behaviour, which we reproduce: `/` is left as
 * is (minio/minio#11665 compares with AWS), the characters Java's URLEncoder leaves alone
 * (A-Z a-z 0-9 . - * _) stay, a space becomes '+', and every other character is its UTF-8 bytes
 * as upper-case %XX. Decoding accepts any percent-encoding, so older or foreign encoders (that also
 * escape '/') decode to the same key.
 */

const kept = /[A-Za-z0-9.\-*_/]/;
const loneSurrogate = /\p{Cs}/u;
const utf8 = new TextEncoder();

/** Encodes `key` the way S3 writes it in an event notification. Keys must be well-formed Unicode. */
export function encodeS3EventKey(key: string): string {
  if (loneSurrogate.test(key)) {
    throw new BadInputError(`object key ${JSON.stringify(key)} has a lone UTF-16 surrogate; S3 keys are UTF-8 text`);
  }
  let out = '';
  for (const char of key) {
    if (char === ' ') out += '+';
    else if (kept.test(char)) out += char;
    else for (const byte of utf8.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Decodes a key from an event notification: '+' is a space, %XX sequences are UTF-8 bytes.
 * `where` names the record for the error message, e.g. "record 2".
 */
export function decodeS3EventKey(encoded: string, where: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (cause) {
    throw new BadMessageError(
      `${where} has s3.object.key ${JSON.stringify(encoded)}, which is not valid URL encoding (a '%' not followed by the hex bytes of UTF-8 text)`,
      { cause },
    );
  }
}
