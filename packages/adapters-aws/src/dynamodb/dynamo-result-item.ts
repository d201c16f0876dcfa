import { goSampleResult, InternalError, topWords, type ErrorCode, type JobResult } from '@wordfreq/core';
import { resultsTableKey } from './dynamo-table-layout.js';

/**
 * A results-table row. `Filename` and `Words` are the Go sample's own (`Words` a map word -> count,
 * an `M` of `N`, as its `dynamodbattribute` writes a `map[string]int`), so tools written for its
 * table read our rows. A map has no order, so our ordered top list is `TopWords` (`{Word, Count}`
 * maps, count descending then word). The other attributes are ours, PascalCase like the sample's.
 */
export interface ResultItem {
  readonly [resultsTableKey]: string;
  readonly ResultId: string;
  readonly Bucket: string;
  readonly Key: string;
  readonly Status: JobResult['status'];
  readonly ETag?: string;
  /**
   * Written as a `Map`: the SDK's marshaller tells a plain object by its `constructor` property, so a
   * record whose top word is "constructor" was refused (found by the round-trip property). A word
   * "__proto__" is left out of this map only: the marshaller builds maps by assignment, which sets
   * a prototype for that key and sends an empty attribute (DynamoDB refuses the row). `TopWords`,
   * which our readers use, keeps it. Read back as a plain record.
   */
  readonly Words: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  readonly TopWords: readonly { readonly Word: string; readonly Count: number }[];
  readonly Bytes: number;
  readonly TotalWords: number;
  readonly DistinctWords: number;
  readonly ErrorCode?: ErrorCode;
  readonly ErrorMessage?: string;
  readonly StartedAt: string;
  readonly FinishedAt: string;
  readonly DurationMs: number;
  readonly CountMs: number;
  readonly WorkerId: string;
  /** The object version the row describes (ISO-8601); the conditional write compares it. */
  readonly ObjectModifiedAt?: string;
  /** The outbox flag: saved true, set false when the send failed (core's `saveAndPublish`). */
  readonly Published?: boolean;
  /** `corpus` on a corpus job's row (absent: one object's), with how the corpus was cut. */
  readonly Kind?: NonNullable<JobResult['kind']>;
  readonly CorpusParts?: number;
  readonly CorpusObjects?: number;
}

export function toResultItem(result: JobResult): ResultItem {
  return {
    [resultsTableKey]: result.filename,
    ResultId: result.resultId,
    Bucket: result.bucket,
    Key: result.key,
    Status: result.status,
    ...(result.etag === undefined ? {} : { ETag: result.etag }),
    Words: new Map(result.words.filter(({ word }) => word !== '__proto__').map(({ word, count }) => [word, count])),
    TopWords: result.words.map(({ word, count }) => ({ Word: word, Count: count })),
    Bytes: result.bytes,
    TotalWords: result.totalWords,
    DistinctWords: result.distinctWords,
    ...(result.error === undefined ? {} : { ErrorCode: result.error.code, ErrorMessage: result.error.message }),
    StartedAt: result.startedAt,
    FinishedAt: result.finishedAt,
    DurationMs: storableDuration(result.durationMs),
    CountMs: storableDuration(result.countMs),
    WorkerId: result.workerId,
    ...(result.objectModifiedAt === undefined ? {} : { ObjectModifiedAt: result.objectModifiedAt }),
    ...(result.published === undefined ? {} : { Published: result.published }),
    ...(result.kind === undefined ? {} : { Kind: result.kind }),
    ...(result.corpus === undefined ? {} : { CorpusParts: result.corpus.parts, CorpusObjects: result.corpus.objects }),
  };
}

/**
 * Reads a row back: ours (the list in `TopWords`; rows written before it have the list in `Words`),
 * or one the Go sample wrote (no `ResultId`: its PutItem replaces the whole row with `Filename` and
 * `Words` only), which comes back with what it holds and `origin: 'go-sample'`. Any other incomplete
 * row is reported, not half-returned.
 */
export function fromResultItem(item: Record<string, unknown>, table: string): JobResult {
  const filename = item[resultsTableKey];
  if (item.ResultId === undefined) return fromGoSampleItem(item, table);
  const text = (name: string): string => {
    const value = item[name];
    if (typeof value !== 'string') throw broken(table, filename, name, 'a string', value);
    return value;
  };
  const number = (name: string): number => {
    const value = item[name];
    if (typeof value !== 'number') throw broken(table, filename, name, 'a number', value);
    return value;
  };
  const [listName, words] = item.TopWords === undefined ? ['Words', item.Words] : ['TopWords', item.TopWords];
  if (!Array.isArray(words)) throw broken(table, filename, listName, 'a list', words);
  const status = text('Status');
  if (status !== 'succeeded' && status !== 'failed') throw broken(table, filename, 'Status', '"succeeded" or "failed"', status);
  return {
    resultId: text('ResultId'),
    filename: text(resultsTableKey),
    bucket: text('Bucket'),
    key: text('Key'),
    status,
    ...(item.ETag === undefined ? {} : { etag: text('ETag') }),
    words: words.map((entry: { Word?: unknown; Count?: unknown }) => {
      if (typeof entry?.Word !== 'string' || typeof entry.Count !== 'number') throw broken(table, filename, listName, 'a list of {Word, Count}', entry);
      return { word: entry.Word, count: entry.Count };
    }),
    bytes: number('Bytes'),
    totalWords: number('TotalWords'),
    distinctWords: number('DistinctWords'),
    ...(item.ErrorCode === undefined ? {} : { error: { code: text('ErrorCode') as ErrorCode, message: text('ErrorMessage') } }),
    startedAt: text('StartedAt'),
    finishedAt: text('FinishedAt'),
    durationMs: number('DurationMs'),
    countMs: number('CountMs'),
    workerId: text('WorkerId'),
    ...(item.ObjectModifiedAt === undefined ? {} : { objectModifiedAt: text('ObjectModifiedAt') }),
    ...(typeof item.Published === 'boolean' ? { published: item.Published } : {}),
    ...(item.Kind === undefined ? {} : { kind: kindOf(text('Kind'), table, filename) }),
    ...(item.CorpusParts === undefined ? {} : { corpus: { parts: number('CorpusParts'), objects: number('CorpusObjects') } }),
  };
}

function kindOf(kind: string, table: string, filename: unknown): NonNullable<JobResult['kind']> {
  if (kind !== 'object' && kind !== 'corpus') throw broken(table, filename, 'Kind', '"object" or "corpus"', kind);
  return kind;
}

/**
 * A Go sample row: `Filename` = Go's `path.Join(bucket, key)` and `Words` = its top words as a map
 * (it writes a row only on success). Ordered as the core orders top words (count descending, then
 * word): the map kept no order.
 */
function fromGoSampleItem(item: Record<string, unknown>, table: string): JobResult {
  const filename = item[resultsTableKey];
  if (typeof filename !== 'string') throw broken(table, filename, resultsTableKey, 'a string', filename);
  const map = item.Words;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw broken(table, filename, 'Words', "a map of word -> count (a Go sample row has no ResultId) or a row of ours with ResultId", map);
  }
  const counts = new Map<string, number>();
  for (const [word, count] of Object.entries(map as Record<string, unknown>)) {
    if (typeof count !== 'number') throw broken(table, filename, `Words.${word}`, 'a number', count);
    counts.set(word, count);
  }
  const slash = filename.indexOf('/');
  return goSampleResult({
    filename,
    bucket: slash < 0 ? filename : filename.slice(0, slash),
    key: slash < 0 ? '' : filename.slice(slash + 1),
    status: 'succeeded',
    words: topWords(counts, counts.size),
  });
}

/**
 * DynamoDB numbers cannot be smaller in magnitude than 1e-130 (doubles go down to 5e-324). Below a
 * picosecond a duration is noise anyway: it is stored as 0. Everything else round-trips exactly.
 */
function storableDuration(ms: number): number {
  return Math.abs(ms) < 1e-9 ? 0 : ms;
}

function broken(table: string, filename: unknown, attribute: string, expected: string, got: unknown): InternalError {
  return new InternalError(
    `results table "${table}" row ${JSON.stringify(filename)} has ${attribute} = ${JSON.stringify(got)}, expected ${expected}; was it written by another program?`,
  );
}
