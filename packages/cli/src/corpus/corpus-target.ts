import { s3BucketNameProblem } from '@wordfreq/core';
import { UsageError } from '../usage-error.js';

/** What `wordfreq corpus` counts: a local folder or file, or everything under an S3 prefix. */
export type CorpusTarget = { readonly kind: 'local'; readonly path: string } | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string };

/** `s3://bucket/prefix` (the prefix may be empty) or a path. */
export function parseCorpusTarget(target: string): CorpusTarget {
  if (!target.startsWith('s3://')) return { kind: 'local', path: target };
  const rest = target.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const problem = s3BucketNameProblem(bucket);
  if (problem) throw new UsageError(`corpus: the bucket '${bucket}' of '${target}' ${problem}`);
  return { kind: 's3', bucket, prefix: slash < 0 ? '' : rest.slice(slash + 1) };
}
