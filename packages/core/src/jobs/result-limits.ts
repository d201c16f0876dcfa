import { InternalError } from '../errors.js';
import type { JobResult } from '../ports/result-store.port.js';
import { goEscapeExtraBytes } from './go-result-message.js';

/**
 * What bounds a result's size, so that every result fits an SQS message (1 MiB) and a DynamoDB item
 * (400 KB) by construction, whatever the input:
 * - keys: at most S3's 1,024 UTF-8 bytes (unreadable message otherwise, see job-message.parser.ts),
 *   bucket names at most 63, the worker id at most `maxWorkerIdLength` characters (a setting);
 * - the error message: cut to `errorMessageBytes`;
 * - the top words: each at most the counter's `maxWordBytes`, and the list cut, from its least
 *   frequent end, to `wordsStoredBytes` as stored (each word counted twice, since a row may hold it
 *   in a map and in an ordered list, plus 64 bytes per entry for names, count and framing) and to
 *   `wordsMessageBytes` as JSON in either results format (control characters escaped take 6 bytes
 *   each, and the Go format's `<`, `>`, `&`, U+2028, U+2029 6 bytes too; 40 bytes per entry cover
 *   both formats' framing: the Go format's `{"Word":…,"Count":<16 digits>},` is the longer, 36).
 * The rest of a result is a fixed set of short fields. The budgets leave room under both limits.
 */
export const resultLimits = {
  maxKeyBytes: 1024,
  maxWorkerIdLength: 512,
  errorMessageBytes: 4096,
  wordsStoredBytes: 256 * 1024,
  wordsMessageBytes: 640 * 1024,
} as const;

const encoder = new TextEncoder();
const utf8Bytes = (text: string): number => encoder.encode(text).length;

/** `text` cut to at most `maxBytes` UTF-8 bytes at a character boundary, with `…` when cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || utf8Bytes(text) <= maxBytes) return text;
  const budget = maxBytes - 3; // the ellipsis
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8Bytes(char);
    if (used + size > budget) break;
    used += size;
    end += char.length;
  }
  return `${text.slice(0, end)}…`;
}

type ResultFields = Omit<JobResult, 'resultId'>;

export interface FittedResult<T extends ResultFields> {
  readonly result: T;
  /** Top words left out to fit (0 when none). */
  readonly wordsDropped: number;
  readonly errorTrimmed: boolean;
}

/** `result`, with its error message and top words cut to the budgets above. */
export function fitResultToLimits<T extends ResultFields>(result: T): FittedResult<T> {
  if (utf8Bytes(result.key) > resultLimits.maxKeyBytes || result.workerId.length > resultLimits.maxWorkerIdLength) {
    // The parser and processJob's option check keep these out; reaching here is a bug.
    throw new InternalError(`result for ${truncateUtf8(result.filename, 200)} has a key over ${resultLimits.maxKeyBytes} bytes or a worker id over ${resultLimits.maxWorkerIdLength} characters`);
  }
  let stored = 0;
  let message = 0;
  let kept = 0;
  for (const { word } of result.words) {
    stored += 2 * utf8Bytes(word) + 64;
    message += utf8Bytes(JSON.stringify(word)) + goEscapeExtraBytes(word) + 40;
    if (stored > resultLimits.wordsStoredBytes || message > resultLimits.wordsMessageBytes) break;
    kept += 1;
  }
  const error = result.error && { code: result.error.code, message: truncateUtf8(result.error.message, resultLimits.errorMessageBytes) };
  const errorTrimmed = error !== undefined && error.message !== result.error?.message;
  const wordsDropped = result.words.length - kept;
  if (wordsDropped === 0 && !errorTrimmed) return { result, wordsDropped, errorTrimmed };
  return {
    result: { ...result, words: result.words.slice(0, kept), ...(error ? { error } : {}) },
    wordsDropped,
    errorTrimmed,
  };
}
