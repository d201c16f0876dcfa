import { BadInputError, decodePartialCounts, encodePartialCounts, partialCountsContentType, type ObjectRef, type ObjectStore, type PartialCounts } from '@wordfreq/core';

/** User metadata of a partial-counts object: the milliseconds spent counting what it holds. */
const countMsMetadata = 'wordfreq-count-ms';

export interface StoredPartial {
  readonly partial: PartialCounts;
  /** Time spent counting the parts in it (the map tasks' own measure, added up by merges). */
  readonly countMs: number;
}

/** Writes partial counts (core's WFPC bytes) at `ref`; the same partial always writes the same bytes. */
export async function writePartial(storage: ObjectStore, ref: ObjectRef, stored: StoredPartial): Promise<number> {
  const bytes = encodePartialCounts(stored.partial);
  await storage.put(ref, bytes, { contentType: partialCountsContentType, metadata: { [countMsMetadata]: String(Math.round(stored.countMs)) } });
  return bytes.length;
}

/** Reads partial counts written by `writePartial` (a missing object: the store's NotFoundError). */
export async function readPartial(storage: ObjectStore, ref: ObjectRef): Promise<StoredPartial> {
  const { info, bytes } = await readWhole(storage, ref);
  const partial = decodePartialCounts(bytes, `s3://${ref.bucket}/${ref.key}`);
  const countMs = Number(info.metadata[countMsMetadata] ?? 0);
  return { partial, countMs: Number.isFinite(countMs) ? countMs : 0 };
}

/** Reads a JSON object the plan step wrote (a manifest, the groups). */
export async function readJson<T>(storage: ObjectStore, ref: ObjectRef): Promise<T> {
  const { bytes } = await readWhole(storage, ref);
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (cause) {
    throw new BadInputError(`s3://${ref.bucket}/${ref.key} is not JSON; the plan step writes it whole, so something else replaced it: start the corpus job again`, { cause });
  }
}

async function readWhole(storage: ObjectStore, ref: ObjectRef) {
  const { info, body } = await storage.read(ref);
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return { info, bytes: Buffer.concat(chunks) };
}
