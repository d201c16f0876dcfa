import type { JobResult } from '../ports/result-store.port.js';
import { fnv1a64Hex } from './fnv-hash.js';

/** The parts of a result that make it "the same outcome"; timings and the worker do not. */
export type ResultIdentity = Pick<JobResult, 'bucket' | 'key' | 'etag' | 'status' | 'bytes' | 'totalWords' | 'distinctWords' | 'words' | 'kind'> & {
  readonly error?: { readonly code: string };
};

/**
 * A deterministic id for a job's outcome: the same object version (bucket, key, ETag) with the same
 * outcome (status, error code, totals, top words) always gets the same id, whichever worker produced it
 * and however often the job was redelivered, so results-queue consumers can drop duplicates by id.
 * A new version of the object (new ETag) or a different outcome gets a new id. 16 hex digits of
 * FNV-1a 64 over a canonical JSON array; the leading scheme tag changes every id if the scheme changes.
 */
export function resultId(outcome: ResultIdentity): string {
  const canonical = JSON.stringify([
    'wordfreq.result-id/1',
    outcome.bucket,
    outcome.key,
    outcome.etag ?? null,
    outcome.status,
    outcome.error?.code ?? null,
    outcome.bytes,
    outcome.totalWords,
    outcome.distinctWords,
    outcome.words.map((w) => [w.word, w.count]),
    // Only corpus results add their kind, so every object result keeps the id it always had.
    ...(outcome.kind === 'corpus' ? ['corpus'] : []),
  ]);
  return fnv1a64Hex(canonical);
}
