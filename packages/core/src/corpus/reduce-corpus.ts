import { defaultTop } from '../counting/count-options.js';
import { summarize } from '../counting/top-words.js';
import { BadInputError } from '../errors.js';
import { resultId } from '../jobs/result-id.js';
import type { JobResult } from '../ports/result-store.port.js';
import type { CorpusPlan } from './corpus-plan.js';
import { corpusResultKey, type CorpusRequest } from './corpus-request.js';
import { mergeAllPartialCounts, type PartialCounts } from './partial-counts.js';

/** What the reduce needs to know of the plan: enough to check every part is in exactly once. */
export type CorpusPlanTotals = Pick<CorpusPlan, 'objects' | 'bytes'> & { readonly parts: number };

/** The totals of `plan`, small enough to pass to a reduce step instead of the whole plan. */
export function corpusPlanTotals(plan: CorpusPlan): CorpusPlanTotals {
  return { parts: plan.parts.length, objects: plan.objects, bytes: plan.bytes };
}

export interface ReduceCorpusInput {
  readonly request: CorpusRequest;
  readonly plan: CorpusPlanTotals;
  /** Top words to keep (default 10). */
  readonly top?: number;
  /** ISO-8601: when the corpus job started (before planning) and when it finished. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Of the duration, time spent counting (the map tasks' total); 0 when not measured. */
  readonly countMs?: number;
  readonly workerId: string;
}

/** A corpus job's result: a `JobResult` of kind `corpus`, stored and published like any result. */
export type CorpusResult = JobResult & { readonly kind: 'corpus'; readonly corpus: NonNullable<JobResult['corpus']> };

/**
 * Merges the partial counts of every part (any order, any grouping: a tree of reduces gives the
 * same) into the corpus result. The partials must cover the plan exactly: their parts and bytes
 * must add up to the plan's, or a part is missing or counted twice, and this throws BadInputError.
 */
export function reduceCorpus(partials: Iterable<PartialCounts>, input: ReduceCorpusInput): CorpusResult {
  const key = corpusResultKey(input.request);
  const merged = mergeAllPartialCounts(partials);
  const { plan } = input;
  if (merged.parts !== plan.parts || merged.bytes !== plan.bytes) {
    throw new BadInputError(`the partial counts of ${input.request.bucket}/${key} cover ${merged.parts} parts and ${merged.bytes} bytes, ` +
        `but the plan has ${plan.parts} parts and ${plan.bytes} bytes: a part is missing or was merged twice`);
  }
  const startMs = Date.parse(input.startedAt);
  const finishMs = Date.parse(input.finishedAt);
  if (Number.isNaN(startMs) || Number.isNaN(finishMs) || finishMs < startMs) {
    throw new BadInputError(`a corpus result needs ISO-8601 startedAt <= finishedAt, got ${JSON.stringify(input.startedAt)} and ${JSON.stringify(input.finishedAt)}`);
  }
  const summary = summarize(merged, input.top ?? defaultTop);
  const identity = {
    bucket: input.request.bucket,
    key,
    status: 'succeeded' as const,
    bytes: summary.bytes,
    totalWords: summary.totalWords,
    distinctWords: summary.distinctWords,
    words: summary.top,
    kind: 'corpus' as const,
  };
  return {
    resultId: resultId(identity),
    filename: `${input.request.bucket}/${key}`,
    ...identity,
    corpus: { parts: plan.parts, objects: plan.objects },
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    durationMs: finishMs - startMs,
    countMs: input.countMs ?? 0,
    workerId: input.workerId,
  };
}
