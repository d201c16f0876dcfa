import { BadMessageError, ErrorCodes, type ErrorCode } from '../errors.js';
import type { JobResult } from '../ports/result-store.port.js';

/**
 * The Go sample's (`aws-samples/aws-go-wordfreq-sample`) results-queue message: `json.Marshal` of its
 * `wordfreq.JobResult` struct, fields in declaration order, named as the Go fields:
 *
 * | field | Go type | JSON |
 * |---|---|---|
 * | Job | `*Job` | `{StartedAt, Region, Bucket, Key}`; its `VisibilityTimeout` and `OrigMessage` are tagged `json:"-"` |
 * | Job.StartedAt | `time.Time` | RFC 3339 with nanoseconds, trailing zeros dropped (`2026-11-27T10:00:00.045Z`) |
 * | Job.Region | `string` | the S3 event record's `awsRegion` |
 * | Words | `Words` (`[]Word{Word string; Count int}`) | the top words; `null` on failure (a nil slice) |
 * | Duration | `time.Duration` | whole nanoseconds (an int64) from job start to result |
 * | Status | `JobCompleteStatus` | `"success"` or `"failure"` |
 * | StatusMessage | `string` | the error's text on failure, else `""` |
 */
export interface GoResultMessage {
  readonly Job: { readonly StartedAt: string; readonly Region: string; readonly Bucket: string; readonly Key: string };
  readonly Words: readonly { readonly Word: string; readonly Count: number }[] | null;
  readonly Duration: number;
  readonly Status: 'success' | 'failure';
  readonly StatusMessage: string;
}

/** `result` as the Go sample would have sent it; `region` fills `Job.Region` (the sample takes the S3 event's). */
export function toGoResultMessage(result: JobResult, region: string): GoResultMessage {
  const failed = result.status === 'failed';
  return {
    Job: { StartedAt: goTime(result.startedAt), Region: region, Bucket: result.bucket, Key: result.key },
    Words: failed ? null : result.words.map(({ word, count }) => ({ Word: word, Count: count })),
    Duration: goDuration(result.durationMs),
    Status: failed ? 'failure' : 'success',
    // The sample writes a Go error's text; ours leads with the code so a reader can tell the cause.
    StatusMessage: failed && result.error ? `${result.error.code}: ${result.error.message}` : '',
  };
}

/**
 * The message's JSON with the bytes Go's `json.Marshal` writes: it escapes `<`, `>`, `&`, U+2028 and
 * U+2029 as `\u003c`-style escapes (HTML-safe by default), which `JSON.stringify` leaves as they are.
 * Both decode to the same text; the bytes match so that consumers comparing bodies see no change.
 */
export function goResultMessageJson(result: JobResult, region: string): string {
  return JSON.stringify(toGoResultMessage(result, region)).replace(goEscaped, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const goEscaped = /[<>&\u2028\u2029]/g;

/** Extra bytes Go's escaping adds to `text`'s `JSON.stringify` form (see `goResultMessageJson`). */
export function goEscapeExtraBytes(text: string): number {
  let extra = 0;
  for (const char of text.matchAll(goEscaped)) extra += char[0] === '\u2028' || char[0] === '\u2029' ? 3 : 5;
  return extra;
}

/** An ISO-8601 timestamp as Go's `time.Time` marshals it (RFC 3339, fraction without trailing zeros). */
function goTime(iso: string): string {
  const parts = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (!parts) return iso;
  const fraction = (parts[2] ?? '').replace(/0+$/, '');
  return `${parts[1]}${fraction ? `.${fraction}` : ''}${parts[3]}`;
}

/** Milliseconds as a Go `time.Duration`: whole nanoseconds, kept to what JSON numbers and int64 both hold exactly. */
function goDuration(ms: number): number {
  const ns = Math.round(ms * 1e6);
  return Number.isFinite(ns) ? Math.min(Math.max(ns, 0), Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
}

/**
 * Reads a results message in the Go sample's format (from the sample, or from our worker with
 * `WORKER_RESULT_FORMAT=go`) as a `JobResult` with what it holds, marked `origin: 'go-sample'`: no
 * resultId, totals, ETag or worker. `finishedAt` is `StartedAt` plus `Duration`.
 */
export function parseGoResultMessage(body: string): JobResult {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    throw new BadMessageError(`Go sample result message is not JSON (${(cause as Error).message})`, { cause });
  }
  const m = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const job = m.Job as Record<string, unknown> | null | undefined;
  if (typeof job !== 'object' || job === null || typeof job.Bucket !== 'string' || typeof job.Key !== 'string') {
    throw new BadMessageError('Go sample result message needs "Job" with string "Bucket" and "Key"');
  }
  if (m.Status !== 'success' && m.Status !== 'failure') {
    throw new BadMessageError(`Go sample result message has Status ${JSON.stringify(m.Status)}; expected "success" or "failure"`);
  }
  if (m.Words !== null && m.Words !== undefined && !Array.isArray(m.Words)) throw new BadMessageError('Go sample result message "Words" must be a list of {Word, Count} or null');
  const words = ((m.Words ?? []) as unknown[]).map((entry, i) => {
    const e = entry as { Word?: unknown; Count?: unknown } | null;
    if (typeof e?.Word !== 'string' || !Number.isSafeInteger(e.Count)) throw new BadMessageError(`Go sample result message Words[${i}] must be {Word: string, Count: integer}`);
    return { word: e.Word, count: e.Count as number };
  });
  if (m.Duration !== undefined && !Number.isSafeInteger(m.Duration)) throw new BadMessageError(`Go sample result message "Duration" must be whole nanoseconds, got ${JSON.stringify(m.Duration)}`);
  const durationMs = ((m.Duration as number | undefined) ?? 0) / 1e6;
  const startedAt = typeof job.StartedAt === 'string' ? job.StartedAt : '';
  const started = Date.parse(startedAt);
  return goSampleResult({
    filename: `${job.Bucket}/${job.Key}`,
    bucket: job.Bucket,
    key: job.Key,
    status: m.Status === 'success' ? 'succeeded' : 'failed',
    words,
    ...(m.Status === 'failure' ? { error: goFailure(typeof m.StatusMessage === 'string' ? m.StatusMessage : '') } : {}),
    startedAt,
    finishedAt: Number.isNaN(started) ? '' : new Date(started + durationMs).toISOString(),
    durationMs,
  });
}

/** What a result in the Go sample's layout (its row or its message) holds. */
export type GoSampleHolds = Pick<JobResult, 'filename' | 'bucket' | 'key' | 'status' | 'words'> & Partial<Pick<JobResult, 'error' | 'startedAt' | 'finishedAt' | 'durationMs'>>;

/**
 * A `JobResult` of what the Go sample recorded, marked `origin: 'go-sample'`; what it does not record
 * (resultId, totals, times it lacks, count time, worker) is empty or 0. The one place for that rule,
 * for its rows (adapters-aws) and its messages (here).
 */
export function goSampleResult(holds: GoSampleHolds): JobResult {
  return {
    resultId: '',
    filename: holds.filename,
    bucket: holds.bucket,
    key: holds.key,
    status: holds.status,
    words: holds.words,
    bytes: 0,
    totalWords: 0,
    distinctWords: 0,
    ...(holds.error === undefined ? {} : { error: holds.error }),
    startedAt: holds.startedAt ?? '',
    finishedAt: holds.finishedAt ?? '',
    durationMs: holds.durationMs ?? 0,
    countMs: 0,
    workerId: '',
    origin: 'go-sample',
  };
}

/** Ours write `CODE: message`; the Go sample writes a Go error's text, which has no code (INTERNAL). */
function goFailure(statusMessage: string): { code: ErrorCode; message: string } {
  const code = /^([A-Z_]+): /.exec(statusMessage)?.[1] as ErrorCode | undefined;
  return code !== undefined && ErrorCodes.includes(code) ? { code, message: statusMessage.slice(code.length + 2) } : { code: 'INTERNAL', message: statusMessage };
}
