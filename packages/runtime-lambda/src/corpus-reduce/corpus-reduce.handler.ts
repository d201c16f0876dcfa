import type { Context } from 'aws-lambda';
import { BadInputError, PartialCountsAccumulator, reduceCorpus, saveAndPublish, WordFreqError, type JobResult, type Logger, type PartialCounts, type Metrics, type ObjectRef, type ObjectStore, type ResultPublisher, type ResultStore } from '@wordfreq/core';
import { checkRunId, corpusKeys, type CorpusGroup, type CorpusPlanOutput, type CorpusReduceInput } from '../corpus/corpus-run.js';
import { readJson, readPartial, writePartial } from '../corpus/partial-objects.js';
import { mapWithConcurrency } from '../map-with-concurrency.js';
import { inInvocation } from '../observability/invocation-context.js';

export interface CorpusReduceHandlerDeps {
  readonly storage: ObjectStore;
  readonly results: ResultStore;
  readonly publisher: ResultPublisher;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface CorpusReduceHandlerOptions {
  readonly workBucket: string;
  readonly top: number;
  readonly workerId: string;
  readonly allowMissingParts: boolean;
  /** Partials read at once (default 8): S3 GETs overlap while the last one is merged. */
  readonly readConcurrency?: number;
  readonly now?: () => Date;
}

export type CorpusReduceOutput =
  | { readonly mode: 'merge'; readonly group: string; readonly parts: number; readonly bytes: number; readonly distinctWords: number; readonly missing: number }
  | { readonly mode: 'final'; readonly result: JobResult; readonly superseded: boolean };

interface Merged extends PartialCounts {
  readonly countMs: number;
  readonly missing: readonly string[];
}

/**
 * The reduce of a corpus run, in two modes. `merge` (the MergeGroups Map's task): one group's partials
 * merged into `corpus-runs/<run>/merged/<group>.wfpc`. `final`: the partials of the run (the parts'
 * own when there is one group, the groups' merged ones otherwise) merged into the corpus result with
 * core's `reduceCorpus`, which checks that they cover the plan exactly; the result is saved
 * (outbox: unpublished first), published on the results queue and marked published, as a job's.
 */
export function createCorpusReduceHandler(deps: CorpusReduceHandlerDeps, options: CorpusReduceHandlerOptions): (event: CorpusReduceInput, context: Context) => Promise<CorpusReduceOutput> {
  const now = options.now ?? (() => new Date());
  const work = (key: string): ObjectRef => ({ bucket: options.workBucket, key });

  /** Folds the partials at `keys` into one accumulator as they arrive (never all of them held at once). */
  const mergeAll = async (keys: readonly string[]): Promise<Merged> => {
    const accumulator = new PartialCountsAccumulator();
    const missing: string[] = [];
    let countMs = 0;
    await mapWithConcurrency(keys, options.readConcurrency ?? 8, async (key) => {
      try {
        const stored = await readPartial(deps.storage, work(key));
        accumulator.add(stored.partial);
        countMs += stored.countMs;
      } catch (error) {
        if (!(options.allowMissingParts && WordFreqError.hasCode(error, 'NOT_FOUND'))) throw error;
        missing.push(key);
      }
    });
    return { ...accumulator.result(), countMs, missing };
  };

  const merge = async (runId: string, group: CorpusGroup): Promise<CorpusReduceOutput> => {
    if (typeof group?.id !== 'string' || !Array.isArray(group.parts)) throw new BadInputError(`a merge names a group {id, parts}, got ${JSON.stringify(group)?.slice(0, 200)}`);
    const merged = await mergeAll(group.parts.map((part) => corpusKeys.partial(runId, part)));
    await writePartial(deps.storage, work(corpusKeys.merged(runId, group.id)), { partial: merged, countMs: merged.countMs });
    if (merged.missing.length > 0) deps.logger.warn('corpus parts missing from a merge (the Map tolerated their failure)', { runId, group: group.id, missing: merged.missing });
    deps.logger.info('corpus group merged', { runId, group: group.id, parts: merged.parts, distinctWords: merged.counts.size });
    return { mode: 'merge', group: group.id, parts: merged.parts, bytes: merged.bytes, distinctWords: merged.counts.size, missing: merged.missing.length };
  };

  const final = async (plan: CorpusPlanOutput): Promise<CorpusReduceOutput> => {
    const runId = checkRunId(plan?.runId);
    const groups = await readJson<CorpusGroup[]>(deps.storage, work(corpusKeys.groups(runId)));
    const keys = groups.length === 1 ? groups[0]!.parts.map((part) => corpusKeys.partial(runId, part)) : groups.map((group) => corpusKeys.merged(runId, group.id));
    const merged = await mergeAll(keys);
    const missingParts = plan.totals.parts - merged.parts;
    if (missingParts > 0 && options.allowMissingParts) {
      deps.logger.warn('corpus result covers only the parts counted (the Map tolerated failures)', { runId, missingParts, missing: merged.missing });
      deps.metrics.record('CorpusPartsMissing', missingParts, 'Count');
    }
    const totals = missingParts > 0 && options.allowMissingParts ? { ...plan.totals, parts: merged.parts, bytes: merged.bytes } : plan.totals;
    const reduced = reduceCorpus([merged], {
      request: plan.request,
      plan: totals,
      top: options.top,
      startedAt: plan.startedAt,
      finishedAt: now().toISOString(),
      countMs: merged.countMs,
      workerId: options.workerId,
    });
    // Not yet sent: `saveAndPublish` stores the row flagged and sends it; a superseded result is neither.
    const result: JobResult = { ...reduced, published: false };
    if ((await saveAndPublish(result, deps)) === 'superseded') {
      deps.logger.warn('corpus result superseded: the table holds a newer one; not published', { filename: result.filename, resultId: result.resultId });
      return { mode: 'final', result, superseded: true };
    }
    deps.metrics.record('CorpusJobsSucceeded', 1, 'Count');
    deps.logger.info('corpus job succeeded', { filename: result.filename, resultId: result.resultId, runId, parts: merged.parts, bytes: result.bytes, totalWords: result.totalWords, distinctWords: result.distinctWords, durationMs: result.durationMs, countMs: result.countMs });
    return { mode: 'final', result: { ...result, published: true }, superseded: false };
  };

  return inInvocation(async (event) => {
    if (event?.mode === 'merge') return merge(checkRunId(event.runId), event.group);
    if (event?.mode === 'final') return final(event.plan);
    throw new BadInputError(`a corpus reduce input has mode "merge" or "final", got ${JSON.stringify((event as { mode?: unknown })?.mode)}`);
  });
}
