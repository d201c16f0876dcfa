import type { GoAttributeMap, GoAttributeValue } from './go-sample-fixtures.js';

/**
 * Decoders written to the Go sample's schema, as strict as the Go code that reads its table and queue
 * (`dynamodbattribute.UnmarshalMap` into its `resultRecord`, `json.Unmarshal` into `wordfreq.JobResult`
 * as its `uploads3` does): what they accept, a tool written for the sample accepts. They throw with
 * Go's reason where Go would fail; attributes and fields Go has no field for are ignored, as in Go.
 */

export interface GoSampleRecord {
  readonly Filename: string;
  readonly Words: ReadonlyMap<string, number>;
}

export interface GoSampleJobResult {
  readonly Job: { readonly StartedAt: Date; readonly Region: string; readonly Bucket: string; readonly Key: string } | null;
  readonly Words: readonly { readonly Word: string; readonly Count: number }[] | null;
  /** Nanoseconds. */
  readonly Duration: number;
  readonly Status: string;
  readonly StatusMessage: string;
}

const int64 = /^-?\d+$/;

/** A results-table row read into `struct { Filename string; Words map[string]int }`. */
export function decodeAsGoSampleRow(item: GoAttributeMap): GoSampleRecord {
  const filename = item.Filename;
  if (filename !== undefined && !('S' in filename)) throw new Error(`UnmarshalTypeError: cannot unmarshal ${kind(filename)} into Go struct field resultRecord.Filename of type string`);
  const words = item.Words;
  const map = new Map<string, number>();
  if (words !== undefined && !('NULL' in words)) {
    if (!('M' in words)) throw new Error(`UnmarshalTypeError: cannot unmarshal ${kind(words)} into Go struct field resultRecord.Words of type map[string]int`);
    for (const [word, value] of Object.entries(words.M)) {
      if (!('N' in value) || !int64.test(value.N)) throw new Error(`UnmarshalTypeError: cannot unmarshal ${'N' in value ? `number ${value.N}` : kind(value)} into Go value of type int`);
      map.set(word, Number(value.N));
    }
  }
  return { Filename: filename === undefined ? '' : filename.S, Words: map };
}

function kind(value: GoAttributeValue): string {
  return 'S' in value ? 'string' : 'N' in value ? 'number' : 'M' in value ? 'map' : 'L' in value ? 'list' : 'null';
}

/** A results-queue body read into `wordfreq.JobResult` (Go matches field names case-insensitively). */
export function decodeAsGoSampleResult(body: string): GoSampleJobResult {
  const value = JSON.parse(body) as unknown;
  const top = object(value, 'JobResult');
  const jobValue = field(top, 'Job');
  let job: GoSampleJobResult['Job'] = null;
  if (jobValue !== undefined && jobValue !== null) {
    const j = object(jobValue, 'JobResult.Job');
    const startedAt = field(j, 'StartedAt');
    job = {
      StartedAt: startedAt === undefined || startedAt === null ? new Date(0) : rfc3339(startedAt),
      Region: string(field(j, 'Region'), 'Job.Region'),
      Bucket: string(field(j, 'Bucket'), 'Job.Bucket'),
      Key: string(field(j, 'Key'), 'Job.Key'),
    };
  }
  const wordsValue = field(top, 'Words');
  let words: GoSampleJobResult['Words'] = null;
  if (wordsValue !== undefined && wordsValue !== null) {
    if (!Array.isArray(wordsValue)) throw new Error(`json: cannot unmarshal ${typeof wordsValue} into Go struct field JobResult.Words of type wordfreq.Words`);
    words = wordsValue.map((entry) => {
      const w = object(entry, 'JobResult.Words');
      return { Word: string(field(w, 'Word'), 'Words.Word'), Count: integer(field(w, 'Count'), 'Words.Count', 'int') };
    });
  }
  return {
    Job: job,
    Words: words,
    Duration: integer(field(top, 'Duration'), 'JobResult.Duration', 'time.Duration'),
    Status: string(field(top, 'Status'), 'JobResult.Status'),
    StatusMessage: string(field(top, 'StatusMessage'), 'JobResult.StatusMessage'),
  };
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type ${where}`);
  return value as Record<string, unknown>;
}

/** encoding/json prefers an exact key, else one equal ignoring case. */
function field(o: Record<string, unknown>, name: string): unknown {
  if (name in o) return o[name];
  const key = Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : o[key];
}

function string(value: unknown, where: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new Error(`json: cannot unmarshal ${typeof value} into Go struct field ${where} of type string`);
  return value;
}

function integer(value: unknown, where: string, type: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`json: cannot unmarshal ${typeof value === 'number' ? `number ${value}` : typeof value} into Go struct field ${where} of type ${type}`);
  return value;
}

/** time.Time's UnmarshalJSON: an RFC 3339 string, fraction optional. */
function rfc3339(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/.test(value)) {
    throw new Error(`parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  }
  return new Date(value);
}
