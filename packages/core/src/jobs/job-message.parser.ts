import { BadMessageError } from '../errors.js';
import type { ObjectRef } from '../ports/object-store.port.js';
import { decodeS3EventKey } from './s3-key-codec.js';
import { resultLimits } from './result-limits.js';
import { s3BucketNameProblem } from './s3-bucket-name.js';

/**
 * Turns a job-queue message body into the objects to count. Accepted shapes:
 *
 * - an S3 event notification `{ "Records": [...] }`: one job per record whose `eventName` is
 *   `ObjectCreated:*` (with or without an `s3:` prefix). Records of other events (ObjectRemoved,
 *   ObjectRestore, Replication, ...) are **skipped, not rejected**: a bucket may route several event
 *   types to one queue, and dead-lettering them would bury real faults under noise. Keys are
 *   URL-decoded (`+` is a space);
 * - S3's `s3:TestEvent`, sent once when a notification is configured: no jobs;
 * - either of those wrapped in an SNS notification (`Type: "Notification"`, `Message`: the JSON text);
 * - a direct job `{ "bucket": "...", "key": "..." }`, whose key is taken literally (not URL-decoded).
 *
 * Every job is checked before it is returned: the bucket must be a valid S3 bucket name (so a `/` in
 * it cannot forge another file's `bucket/key`) and, when `allowedBuckets` is given, one of them; the
 * key must be well-formed Unicode of at most S3's 1,024 UTF-8 bytes; a message may hold at most
 * `maxRecords` records.
 *
 * Anything else throws BadMessageError saying what is wrong and where (`record 2 has no s3.object.key`),
 * so the message can go to the dead-letter queue with a reason a person can act on.
 */
export function parseJobMessage(body: string, options: JobMessageRules = {}): ObjectRef[] {
  if (typeof body !== 'string') throw new BadMessageError(`message body must be a string, got ${typeof body}`);
  const rules = { maxRecords: options.maxRecords ?? Number.POSITIVE_INFINITY, allowedBuckets: options.allowedBuckets };
  return jobsFrom(parseJson(body, 'message body'), '', false, rules);
}

export interface JobMessageRules {
  /** Buckets jobs may name; any other is an unreadable message. All valid names when absent. */
  readonly allowedBuckets?: readonly string[];
  /** Most records one S3 event notification may hold (none by default). */
  readonly maxRecords?: number;
}

interface Rules {
  readonly maxRecords: number;
  readonly allowedBuckets: readonly string[] | undefined;
}

function checkJob(job: ObjectRef, where: string, rules: Rules): ObjectRef {
  const problem = s3BucketNameProblem(job.bucket);
  if (problem) throw new BadMessageError(`${where} names bucket ${excerpt(job.bucket)}, which ${problem}`);
  if (rules.allowedBuckets && !rules.allowedBuckets.includes(job.bucket)) {
    throw new BadMessageError(`${where} names bucket "${job.bucket}", which this worker may not read; allowed: ${rules.allowedBuckets.join(', ')} (add it to the allowed buckets to count it)`);
  }
  // In a u-mode regex a paired surrogate is one code point, so only an unpaired one matches Cs.
  if (/\p{Cs}/u.test(job.key)) throw new BadMessageError(`${where} has a key with an unpaired surrogate; S3 keys are UTF-8 text`);
  const bytes = new TextEncoder().encode(job.key).length;
  if (bytes > resultLimits.maxKeyBytes) {
    throw new BadMessageError(`${where} has a key of ${bytes} UTF-8 bytes (${excerpt(job.key)}); S3 keys are at most ${resultLimits.maxKeyBytes}`);
  }
  return job;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `the string ${excerpt(value)}` : `${typeof value} ${String(value)}`;
}

function excerpt(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new BadMessageError(`${what} is not JSON (${(cause as Error).message}): ${excerpt(text)}`, { cause });
  }
}

/** `prefix` is '' for the message itself and 'SNS Message ' inside an SNS envelope. */
function jobsFrom(value: unknown, prefix: string, insideSns: boolean, rules: Rules): ObjectRef[] {
  const where = prefix === '' ? 'message' : prefix.trim();
  if (!isObject(value)) {
    throw new BadMessageError(`${where} is ${describe(value)}; expected a JSON object (an S3 event notification, an SNS notification or {"bucket","key"})`);
  }
  if ('Records' in value) return jobsFromRecords(value.Records, prefix, rules);
  if (value.Event === 's3:TestEvent') return [];
  if (value.Type === 'Notification') {
    if (insideSns) throw new BadMessageError(`${where} is an SNS notification inside an SNS notification; only one envelope is unwrapped`);
    if (typeof value.Message !== 'string') {
      throw new BadMessageError(`SNS notification has no Message text (got ${describe(value.Message)})`);
    }
    return jobsFrom(parseJson(value.Message, 'SNS Message'), 'SNS Message ', true, rules);
  }
  if ('bucket' in value || 'key' in value) return [checkJob(directJob(value, where), where, rules)];
  throw new BadMessageError(
    `${where} has none of "Records" (S3 event notification), "Event": "s3:TestEvent", "Type": "Notification" (SNS) or "bucket" and "key" (direct job); keys present: ${Object.keys(value).slice(0, 10).join(', ') || 'none'}`,
  );
}

function directJob(value: Json, where: string): ObjectRef {
  for (const field of ['bucket', 'key'] as const) {
    const got = value[field];
    if (typeof got !== 'string' || got === '') {
      throw new BadMessageError(`${where} is a direct job whose "${field}" must be a non-empty string, got ${got === undefined ? 'nothing' : describe(got)}`);
    }
  }
  return { bucket: value.bucket as string, key: value.key as string };
}

function jobsFromRecords(records: unknown, prefix: string, rules: Rules): ObjectRef[] {
  if (!Array.isArray(records)) throw new BadMessageError(`${prefix}Records is ${describe(records)}; expected an array of S3 event records`);
  if (records.length === 0) throw new BadMessageError(`${prefix}Records is empty; S3 never sends a notification without records`);
  if (records.length > rules.maxRecords) {
    throw new BadMessageError(`${prefix}Records has ${records.length} records; at most ${rules.maxRecords} are accepted in one message (S3 sends one): split it`);
  }
  const jobs: ObjectRef[] = [];
  records.forEach((record: unknown, index) => {
    const where = `${prefix}record ${index + 1}`;
    const job = jobFromRecord(record, where);
    if (job) jobs.push(checkJob(job, where, rules));
  });
  return jobs;
}

function jobFromRecord(record: unknown, where: string): ObjectRef | undefined {
  if (!isObject(record)) throw new BadMessageError(`${where} is ${describe(record)}; expected an S3 event record object`);
  if (record.eventSource !== undefined && record.eventSource !== 'aws:s3') {
    throw new BadMessageError(`${where} has eventSource ${describe(record.eventSource)}; expected "aws:s3" (is this the outer Lambda event rather than a message body?)`);
  }
  if (typeof record.eventName !== 'string' || record.eventName === '') throw new BadMessageError(`${where} has no eventName`);
  const eventName = record.eventName.replace(/^s3:/, '');
  if (!eventName.startsWith('ObjectCreated:')) return undefined;

  const s3 = record.s3;
  if (!isObject(s3)) throw new BadMessageError(`${where} (${eventName}) has no s3 object`);
  const bucket = isObject(s3.bucket) ? s3.bucket.name : undefined;
  if (typeof bucket !== 'string' || bucket === '') throw new BadMessageError(`${where} has no s3.bucket.name`);
  const key = isObject(s3.object) ? s3.object.key : undefined;
  if (typeof key !== 'string') throw new BadMessageError(`${where} has no s3.object.key`);
  if (key === '') throw new BadMessageError(`${where} has an empty s3.object.key`);
  return { bucket, key: decodeS3EventKey(key, where) };
}
