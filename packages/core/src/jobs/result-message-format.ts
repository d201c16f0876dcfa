import { BadMessageError } from '../errors.js';
import type { JobResult } from '../ports/result-store.port.js';
import { goResultMessageJson, parseGoResultMessage } from './go-result-message.js';
import { parseResultMessage, toResultMessage } from './result-message.js';

/**
 * Which JSON a worker writes on the results queue: `wordfreq` (ours, `wordfreq.result/v1`, see
 * result-message.ts) or `go`, exactly the Go sample's (go-result-message.ts) for consumers written
 * against `aws-go-wordfreq-sample`. The table row is the same in both.
 */
export type ResultMessageFormat = 'wordfreq' | 'go';
export const resultMessageFormats: readonly ResultMessageFormat[] = ['wordfreq', 'go'];
export const defaultResultMessageFormat: ResultMessageFormat = 'wordfreq';

/** The results-queue body for `result` in `format`; `region` is the Go format's `Job.Region`. */
export function resultMessageBody(result: JobResult, format: ResultMessageFormat, region: string): string {
  return format === 'go' ? goResultMessageJson(result, region) : JSON.stringify(toResultMessage(result));
}

/**
 * Reads a results-queue body in either format: ours (it names its `schema`) or the Go sample's (it
 * has a `Job`), which comes back marked `origin: 'go-sample'` with what it holds.
 */
export function readResultMessage(body: string): JobResult {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    throw new BadMessageError(`result message is not JSON (${(cause as Error).message})`, { cause });
  }
  const m = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (m.schema === undefined && m.Job !== undefined) return parseGoResultMessage(body);
  const { schema: _schema, ...result } = parseResultMessage(body);
  return result;
}
