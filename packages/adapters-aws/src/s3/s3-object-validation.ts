import type { ByteRange, ObjectRef } from '@wordfreq/core';
import { badInput } from '../shared/bad-input.js';

const encoder = new TextEncoder();
const maxKeyBytes = 1024;
const maxMetadataBytes = 2048;
// Header tokens; S3 returns user metadata names lower-cased.
const metadataName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Metadata travels as HTTP header values: printable ASCII and tabs only.
const metadataValue = /^[\t\x20-\x7e]*$/;

export function validateKey(ref: ObjectRef): void {
  const bytes = encoder.encode(ref.key).length;
  if (bytes === 0) throw badInput(`object key in bucket "${ref.bucket}" must not be empty`);
  if (bytes > maxKeyBytes) throw badInput(`object key is ${bytes} bytes of UTF-8; S3 allows at most ${maxKeyBytes}`);
}

/** Lower-cases names like S3 does, and refuses what cannot travel as an `x-amz-meta-*` header. */
export function normaliseMetadata(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!metadataName.test(name)) {
      throw badInput(`metadata name "${name}" is not a valid HTTP header token; use letters, digits and -_.`);
    }
    if (typeof value !== 'string' || /[\r\n]/.test(value)) {
      throw badInput(`metadata "${name}" must be a string without line breaks`);
    }
    if (!metadataValue.test(value)) {
      throw badInput(`metadata "${name}" has characters outside printable ASCII; S3 sends metadata as HTTP headers, so encode the value (e.g. percent-encoding) first`);
    }
    out[name.toLowerCase()] = value;
    bytes += encoder.encode(name).length + encoder.encode(value).length;
  }
  if (bytes > maxMetadataBytes) throw badInput(`user metadata is ${bytes} bytes; S3 allows at most ${maxMetadataBytes}`);
  return out;
}

/** The HTTP Range header for `range` (S3's end is inclusive, ours exclusive), after checking it. */
export function rangeHeader(ref: ObjectRef, range: ByteRange): string {
  const { start, end } = range;
  const where = `${ref.bucket}/${ref.key}`;
  if (!Number.isSafeInteger(start) || start < 0) throw badInput(`range start ${start} for ${where} must be an integer >= 0`);
  if (end !== undefined && (!Number.isSafeInteger(end) || end <= start)) {
    throw badInput(`range end ${end} for ${where} must be an integer greater than start ${start}`);
  }
  return end === undefined ? `bytes=${start}-` : `bytes=${start}-${end - 1}`;
}

/** `"abc"` -> `abc`: ports speak unquoted ETags. */
export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** A CopySource value: bucket and key, URL-encoded segment by segment as S3 requires. */
export function copySource(ref: ObjectRef): string {
  return `${ref.bucket}/${ref.key.split('/').map(encodeURIComponent).join('/')}`;
}
