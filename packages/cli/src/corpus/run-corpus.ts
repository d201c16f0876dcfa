import { hostname } from 'node:os';
import { corpusPlanTotals, planCorpus, reduceCorpus, type CorpusObject, type CorpusRequest, type CorpusResult, type CountOptions } from '@wordfreq/core';
import type { Writable } from 'node:stream';
import { startProgress } from '../ui/progress-bar.js';
import { countPartsOnThreads, type CorpusSource } from './corpus-threads.js';

export interface RunCorpusOptions {
  readonly options: CountOptions & { readonly top: number };
  /** Part size; undefined: core's default. */
  readonly partBytes: number | undefined;
  readonly threads: number;
  readonly source: CorpusSource;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the progress bar over parts goes (stderr). */
  readonly progress: Writable;
}

/**
 * A corpus job in this process: the same plan, map (`countCorpusPart`) and reduce (`reduceCorpus`)
 * as the state machine runs, with worker threads in place of Lambda functions.
 */
export async function runCorpus(objects: readonly CorpusObject[], request: CorpusRequest, how: RunCorpusOptions): Promise<CorpusResult> {
  const startedAt = new Date();
  const plan = planCorpus(objects, how.partBytes === undefined ? {} : { partBytes: how.partBytes });
  const bar = startProgress(how.progress, { label: 'parts', total: plan.parts.length });
  const mapStart = performance.now();
  let partial;
  try {
    partial = await countPartsOnThreads(plan.parts, { threads: how.threads, source: how.source, options: how.options, env: how.env, onPart: () => bar.advance() });
  } finally {
    bar.finish();
  }
  const countMs = performance.now() - mapStart;
  return reduceCorpus([partial], {
    request,
    plan: corpusPlanTotals(plan),
    top: how.options.top,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    countMs: Math.round(countMs),
    workerId: `wordfreq-corpus@${hostname()}:${process.pid}`,
  });
}
