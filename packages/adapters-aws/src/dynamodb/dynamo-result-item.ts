import { InternalError, type ErrorCode, type JobResult } from '@wordfreq/core';
import { resultsTableKey } from './dynamo-table-layout.js';

/**
 * A results-table row. Attribute names are PascalCase like the original sample's (`Filename`,
 * `Words` as a list of `{Word, Count}` maps), so tools written for it keep working.
 */
export interface ResultItem {
  readonly [resultsTableKey]: string;
  readonly ResultId: string;
  readonly Bucket: string;
  readonly Key: string;
  readonly Status: JobResult['status'];
  readonly ETag?: string;
  readonly Words: readonly { readonly Word: string; readonly Count: number }[];
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
  /** The outbox flag: false until the result was sent on the results queue. */
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
    Words: result.words.map(({ word, count }) => ({ Word: word, Count: count })),
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

/** Reads a row back; a row another writer left incomplete is reported, not half-returned. */
export function fromResultItem(item: Record<string, unknown>, table: string): JobResult {
  const filename = item[resultsTableKey];
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
  const words = item.Words;
  if (!Array.isArray(words)) throw broken(table, filename, 'Words', 'a list', words);
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
      if (typeof entry?.Word !== 'string' || typeof entry.Count !== 'number') throw broken(table, filename, 'Words', 'a list of {Word, Count}', entry);
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
