import { BadMessageError, ErrorCodes, type ErrorCode } from '../errors.js';
import type { WordCount } from '../counting/word-count.js';
import type { CorpusTotals, JobResult, JobStatus, ResultKind } from '../ports/result-store.port.js';

export const resultMessageSchema = 'wordfreq.result/v1';

/**
 * A results-queue message, schema `wordfreq.result/v1`: a JSON object with
 *
 * | field | type | meaning |
 * |---|---|---|
 * | schema | `"wordfreq.result/v1"` | bumped only for incompatible changes; new optional fields may appear in v1 |
 * | resultId | string | deterministic id of the outcome (see result-id.ts): drop duplicates by it |
 * | filename | string | `bucket/key`, the results table's key |
 * | bucket, key | string | the object (key decoded, as stored) |
 * | status | `"succeeded"` \| `"failed"` | |
 * | etag | string, optional | the object's ETag when read; absent when it was missing |
 * | words | `{word, count}[]` | top words, count descending then word ascending; empty on failure |
 * | bytes, totalWords, distinctWords | integer >= 0 | |
 * | error | `{code, message}`, only when failed | code: NOT_FOUND, NOT_TEXT or TOO_LARGE |
 * | startedAt, finishedAt | ISO-8601 string | |
 * | durationMs, countMs | number >= 0 | whole job; of that, counting |
 * | workerId | string | who did it |
 * | kind | `"corpus"`, optional | a corpus job's result (absent: one object's); `key` is then `prefix*` or the key |
 * | corpus | `{parts, objects}`, only with kind `"corpus"` | how the corpus was cut |
 */
export interface ResultMessage extends JobResult {
  readonly schema: typeof resultMessageSchema;
}

/** The message for `result`, with fields in a fixed order and absent optionals left out. */
export function toResultMessage(result: JobResult): ResultMessage {
  return {
    schema: resultMessageSchema,
    resultId: result.resultId,
    filename: result.filename,
    bucket: result.bucket,
    key: result.key,
    status: result.status,
    ...(result.etag === undefined ? {} : { etag: result.etag }),
    words: result.words.map(({ word, count }) => ({ word, count })),
    bytes: result.bytes,
    totalWords: result.totalWords,
    distinctWords: result.distinctWords,
    ...(result.error === undefined ? {} : { error: { code: result.error.code, message: result.error.message } }),
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    durationMs: result.durationMs,
    countMs: result.countMs,
    workerId: result.workerId,
    ...(result.kind === undefined ? {} : { kind: result.kind }),
    ...(result.corpus === undefined ? {} : { corpus: { parts: result.corpus.parts, objects: result.corpus.objects } }),
  };
}

/**
 * Parses and checks a results-queue message. Unknown extra fields are ignored (v1 may grow optional
 * fields); a wrong or missing field throws BadMessageError naming it.
 */
export function parseResultMessage(body: string): ResultMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    throw new BadMessageError(`result message is not JSON (${(cause as Error).message})`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadMessageError('result message is not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.schema !== resultMessageSchema) {
    throw new BadMessageError(`result message has schema ${JSON.stringify(m.schema)}; this reader understands "${resultMessageSchema}"`);
  }
  const status = oneOf(m, 'status', ['succeeded', 'failed'] as const satisfies readonly JobStatus[]);
  const error = m.error === undefined ? undefined : parseError(m.error);
  if (status === 'failed' && !error) throw bad('error', 'must be present when status is "failed"');
  if (status === 'succeeded' && error) throw bad('error', 'must be absent when status is "succeeded"');
  const etag = m.etag === undefined ? undefined : text(m, 'etag');
  const kind = m.kind === undefined ? undefined : oneOf(m, 'kind', ['object', 'corpus'] as const satisfies readonly ResultKind[]);
  const corpus = m.corpus === undefined ? undefined : parseCorpus(m.corpus);
  if (corpus && kind !== 'corpus') throw bad('corpus', 'may be present only when kind is "corpus"');
  return toResultMessage({
    resultId: text(m, 'resultId'),
    filename: text(m, 'filename'),
    bucket: text(m, 'bucket'),
    key: text(m, 'key'),
    status,
    ...(etag === undefined ? {} : { etag }),
    words: parseWords(m.words),
    bytes: count(m, 'bytes'),
    totalWords: count(m, 'totalWords'),
    distinctWords: count(m, 'distinctWords'),
    ...(error === undefined ? {} : { error }),
    startedAt: timestamp(m, 'startedAt'),
    finishedAt: timestamp(m, 'finishedAt'),
    durationMs: duration(m, 'durationMs'),
    countMs: duration(m, 'countMs'),
    workerId: text(m, 'workerId'),
    ...(kind === undefined ? {} : { kind }),
    ...(corpus === undefined ? {} : { corpus }),
  });
}

function parseCorpus(corpus: unknown): CorpusTotals {
  if (typeof corpus !== 'object' || corpus === null) throw bad('corpus', 'must be an object {parts, objects}');
  const c = corpus as Record<string, unknown>;
  return { parts: count(c, 'parts', 'corpus.parts'), objects: count(c, 'objects', 'corpus.objects') };
}

function bad(field: string, problem: string): BadMessageError {
  return new BadMessageError(`result message field "${field}" ${problem}`);
}

function text(m: Record<string, unknown>, field: string, path = field): string {
  const v = m[field];
  if (typeof v !== 'string') throw bad(path, `must be a string, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
  return v;
}

function count(m: Record<string, unknown>, field: string, path = field): number {
  const v = m[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(path, `must be a whole number >= 0, got ${JSON.stringify(v)}`);
  return v;
}

function duration(m: Record<string, unknown>, field: string): number {
  const v = m[field];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw bad(field, `must be a number of milliseconds >= 0, got ${JSON.stringify(v)}`);
  return v;
}

function timestamp(m: Record<string, unknown>, field: string): string {
  const v = text(m, field);
  if (Number.isNaN(Date.parse(v))) throw bad(field, `must be an ISO-8601 timestamp, got ${JSON.stringify(v)}`);
  return v;
}

function oneOf<T extends string>(m: Record<string, unknown>, field: string, allowed: readonly T[]): T {
  const v = m[field];
  if (!allowed.includes(v as T)) throw bad(field, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

function parseWords(words: unknown): WordCount[] {
  if (!Array.isArray(words)) throw bad('words', `must be an array, got ${JSON.stringify(words)}`);
  return words.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) throw bad(`words[${i}]`, 'must be an object {word, count}');
    const e = entry as Record<string, unknown>;
    return { word: text(e, 'word', `words[${i}].word`), count: count(e, 'count', `words[${i}].count`) };
  });
}

function parseError(error: unknown): { code: ErrorCode; message: string } {
  if (typeof error !== 'object' || error === null) throw bad('error', 'must be an object {code, message}');
  const e = error as Record<string, unknown>;
  if (!ErrorCodes.includes(e.code as ErrorCode)) throw bad('error.code', `must be one of ${ErrorCodes.join(', ')}, got ${JSON.stringify(e.code)}`);
  return { code: e.code as ErrorCode, message: text(e, 'message', 'error.message') };
}
