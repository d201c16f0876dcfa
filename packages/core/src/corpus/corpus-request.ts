import { BadInputError } from '../errors.js';

/** What a corpus job counts: every object under `prefix` of `bucket` (`''` for all), or one object. */
export type CorpusRequest =
  | { readonly bucket: string; readonly prefix: string; readonly key?: undefined }
  | { readonly bucket: string; readonly key: string; readonly prefix?: undefined };

/**
 * The results table's `Filename` of a corpus (`key` is the same without `bucket/`): `bucket/prefix*`
 * for a prefix, `bucket/key` for one object, as that object's own result is named.
 */
export function corpusResultKey(request: CorpusRequest): string {
  if (typeof request?.bucket !== 'string' || request.bucket === '') throw new BadInputError(`a corpus request needs a bucket, got ${JSON.stringify(request)}`);
  const hasPrefix = typeof request.prefix === 'string';
  const hasKey = typeof request.key === 'string';
  if (hasPrefix === hasKey) throw new BadInputError(`a corpus request names a prefix or a key (exactly one), got ${JSON.stringify(request)}`);
  return hasPrefix ? `${request.prefix}*` : request.key!;
}

export function corpusFilename(request: CorpusRequest): string {
  return `${request.bucket}/${corpusResultKey(request)}`;
}
