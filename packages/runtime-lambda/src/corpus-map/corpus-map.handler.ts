import type { Context } from 'aws-lambda';
import { BadInputError, countCorpusPart, type CorpusPart, type Logger, type Metrics, type ObjectStore, type Preset } from '@wordfreq/core';
import { checkRunId, corpusKeys, type CorpusBatchInput } from '../corpus/corpus-run.js';
import { writePartial } from '../corpus/partial-objects.js';
import { inInvocation } from '../observability/invocation-context.js';

export interface CorpusMapHandlerDeps {
  readonly storage: ObjectStore;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface CorpusMapHandlerOptions {
  readonly workBucket: string;
  readonly allowedBuckets: readonly string[];
  readonly count: { readonly preset: Preset };
  readonly now?: () => number;
}

/** What a batch's child execution returns (discarded by the Map; in its history for a reader). */
export interface CorpusMapOutput {
  readonly runId: string;
  readonly parts: readonly { readonly id: string; readonly bytes: number; readonly totalWords: number; readonly distinctWords: number; readonly partialBytes: number }[];
}

/**
 * The counting Map's task: the ItemBatcher's batch of parts, each counted with core's
 * `countCorpusPart` (ranged GETs, cut at word boundaries) and its partial counts written to
 * `corpus-runs/<run>/partials/<part>.wfpc`. One part after the other: counting is CPU-bound and a
 * function of 1,769 MB has one vCPU. Idempotent: a retry (of the batch) writes the same bytes to the
 * same keys. A part that cannot be counted throws, which fails the batch (and, with no tolerated
 * failures, the run); throttling and network faults throw TransientError, which the state machine retries.
 */
export function createCorpusMapHandler(deps: CorpusMapHandlerDeps, options: CorpusMapHandlerOptions): (event: CorpusBatchInput, context: Context) => Promise<CorpusMapOutput> {
  const now = options.now ?? (() => performance.now());
  return inInvocation(async (event) => {
    const runId = checkRunId(event?.BatchInput?.runId);
    const items = checkedItems(event?.Items, options.allowedBuckets);
    const parts: CorpusMapOutput['parts'][number][] = [];
    for (const part of items) {
      const start = now();
      const partial = await countCorpusPart({ objects: deps.storage }, part, options.count);
      const countMs = now() - start;
      const partialBytes = await writePartial(deps.storage, { bucket: options.workBucket, key: corpusKeys.partial(runId, part.id) }, { partial, countMs });
      deps.metrics.record('CorpusPartsCounted', 1, 'Count');
      deps.metrics.record('CorpusPartMs', countMs, 'Milliseconds');
      parts.push({ id: part.id, bytes: partial.bytes, totalWords: partial.totalWords, distinctWords: partial.counts.size, partialBytes });
      deps.logger.info('corpus part counted', { runId, part: part.id, slices: part.slices.length, bytes: partial.bytes, distinctWords: partial.counts.size, partialBytes, countMs: Math.round(countMs) });
    }
    return { runId, parts };
  });
}

function checkedItems(items: unknown, allowed: readonly string[]): CorpusPart[] {
  if (!Array.isArray(items) || items.length === 0) throw new BadInputError(`a corpus map batch has Items (the parts of the manifest), got ${JSON.stringify(items)?.slice(0, 200)}`);
  for (const part of items as CorpusPart[]) {
    if (typeof part?.id !== 'string' || !Array.isArray(part.slices)) throw new BadInputError(`a corpus part has an id and slices, got ${JSON.stringify(part)?.slice(0, 200)}`);
    // The manifest is ours, but the function's input is whoever may start an execution: read only allowed buckets.
    const foreign = part.slices.find((slice) => !allowed.includes(slice.bucket));
    if (foreign) throw new BadInputError(`part ${part.id} names bucket ${foreign.bucket}, which corpus jobs may not read (${allowed.join(', ')})`);
  }
  return items as CorpusPart[];
}
