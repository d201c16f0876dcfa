import type { Context } from 'aws-lambda';
import { BadInputError, corpusFilename, corpusPlanTotals, planCorpus, type CorpusObject, type CorpusRequest, type Logger, type Metrics, type ObjectStore } from '@wordfreq/core';
import { inInvocation } from '../observability/invocation-context.js';
import { checkRunId, corpusKeys, groupParts, type CorpusPlanOutput } from '../corpus/corpus-run.js';

export interface CorpusPlanHandlerDeps {
  readonly storage: ObjectStore;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface CorpusPlanHandlerOptions {
  readonly workBucket: string;
  readonly allowedBuckets: readonly string[];
  readonly partBytes: number;
  readonly fanIn: number;
  readonly itemBytes: number;
  readonly now?: () => Date;
}

/** The plan step's input: the execution's input (the corpus request) and the execution's name. */
export interface CorpusPlanEvent {
  readonly request: unknown;
  readonly runId: unknown;
}

/** Over a part's JSON for its id and sizes: what `maxObjectsPerPart` leaves room for. */
const partOverheadBytes = 128;

/**
 * The corpus state machine's first step: lists `bucket/prefix` (or heads the one object), cuts the
 * corpus into parts with core's `planCorpus`, and writes the parts as a JSON array (the Distributed
 * Map's item source) and their ids in groups of the reduce fan-in. Returns where they are, with the
 * plan's totals: the state every later step reads, small whatever the corpus.
 */
export function createCorpusPlanHandler(deps: CorpusPlanHandlerDeps, options: CorpusPlanHandlerOptions): (event: CorpusPlanEvent, context: Context) => Promise<CorpusPlanOutput> {
  const now = options.now ?? (() => new Date());
  return inInvocation(async (event) => {
    const startedAt = now().toISOString();
    const runId = checkRunId(event?.runId);
    const request = corpusRequest(event?.request, options.allowedBuckets);
    const objects = await listCorpus(deps.storage, request);
    if (objects.length === 0) throw new BadInputError(`${corpusFilename(request)} names no object: nothing to count (is the prefix right?)`);
    // Each manifest item is a child execution's input (with its batch): keep it under itemBytes by
    // batching fewer objects when keys are long.
    const longestSlice = Math.max(...objects.map((o) => JSON.stringify({ ...o, start: o.size, end: o.size }).length));
    const maxObjectsPerPart = Math.max(1, Math.min(1000, Math.floor((options.itemBytes - partOverheadBytes) / (longestSlice + 1))));
    const plan = planCorpus(objects, { partBytes: options.partBytes, maxObjectsPerPart });
    const groups = groupParts(plan.parts.map((p) => p.id), options.fanIn);
    const manifest = { bucket: options.workBucket, key: corpusKeys.manifest(runId) };
    const groupsRef = { bucket: options.workBucket, key: corpusKeys.groups(runId) };
    await deps.storage.put(manifest, JSON.stringify(plan.parts), { contentType: 'application/json' });
    await deps.storage.put(groupsRef, JSON.stringify(groups), { contentType: 'application/json' });
    const totals = corpusPlanTotals(plan);
    deps.metrics.record('CorpusParts', totals.parts, 'Count');
    deps.metrics.record('CorpusBytes', totals.bytes, 'Bytes');
    deps.logger.info('corpus planned', { filename: corpusFilename(request), runId, ...totals, groups: groups.length, partBytes: plan.partBytes, maxObjectsPerPart });
    return { runId, request, startedAt, totals, manifest, groups: { ...groupsRef, count: groups.length } };
  });
}

/** The request as the execution's input gives it: `{bucket, prefix}` or `{bucket, key}`, on an allowed bucket. */
function corpusRequest(input: unknown, allowed: readonly string[]): CorpusRequest {
  const value = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const { bucket, prefix, key } = value;
  if (typeof bucket !== 'string') throw new BadInputError(`a corpus job's input is {"bucket": "...", "prefix": "..."} or {"bucket": "...", "key": "..."}, got ${JSON.stringify(input)}`);
  if (!allowed.includes(bucket)) throw new BadInputError(`bucket ${bucket} is not one corpus jobs may read (${allowed.join(', ')}); see WORDFREQ_ALLOWED_BUCKETS`);
  const request = (typeof key === 'string' && prefix === undefined ? { bucket, key } : { bucket, prefix: prefix ?? '' }) as CorpusRequest;
  corpusFilename(request); // checks it: one of prefix or key, as strings
  return request;
}

async function listCorpus(storage: ObjectStore, request: CorpusRequest): Promise<CorpusObject[]> {
  if (request.key !== undefined) {
    const info = await storage.head({ bucket: request.bucket, key: request.key });
    return [{ bucket: info.bucket, key: info.key, size: info.size, etag: info.etag }];
  }
  const objects: CorpusObject[] = [];
  for await (const info of storage.list(request.bucket, request.prefix)) objects.push({ bucket: info.bucket, key: info.key, size: info.size, etag: info.etag });
  return objects;
}
