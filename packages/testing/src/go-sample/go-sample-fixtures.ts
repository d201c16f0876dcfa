/**
 * Rows and results messages exactly as `aws-samples/aws-go-wordfreq-sample`'s worker writes them,
 * for tests of a table or queue shared with it (a migration). Written by hand from the sample's types,
 * not by our encoders, so that they check those encoders rather than repeat them:
 *
 * - the row: `dynamodbattribute.ConvertToMap(resultRecord{Filename: path.Join(bucket, key), Words:
 *   map[string]int})` put with an unconditional PutItem, only on success: `Filename` (S) and `Words`
 *   (M of N), nothing else;
 * - the message: `json.Marshal(*wordfreq.JobResult)`: `Job` (`StartedAt` RFC 3339 with nanoseconds,
 *   `Region`, `Bucket`, `Key`), `Words` (`[{Word, Count}]`, `null` on failure), `Duration`
 *   (nanoseconds), `Status` (`success` | `failure`), `StatusMessage` (a Go error's text).
 */

/** A DynamoDB attribute value as the low-level API carries it (the subset these rows use). */
export type GoAttributeValue = { readonly S: string } | { readonly N: string } | { readonly M: Readonly<Record<string, GoAttributeValue>> } | { readonly L: readonly GoAttributeValue[] } | { readonly NULL: true };
export type GoAttributeMap = Readonly<Record<string, GoAttributeValue>>;

/** The row the Go sample writes for `filename` (its `path.Join(bucket, key)`) with these top words. */
export function goSampleRow(filename: string, words: Readonly<Record<string, number>>): GoAttributeMap {
  return { Filename: { S: filename }, Words: { M: Object.fromEntries(Object.entries(words).map(([word, count]) => [word, { N: String(count) }])) } };
}

/** Moby Dick's top words as the Go sample counted them (`whale` and `there` tie on purpose). */
export const goSampleMobyWords: Readonly<Record<string, number>> = { which: 1632, whale: 1150, their: 612, there: 1150, before: 609 };

/**
 * Its success message for `uploads/moby.txt`: a Go `time.Time` with nanoseconds, a 45.5 ms duration in
 * nanoseconds, the words in its own order (count descending; ties in map order, here not ours).
 */
export const goSampleSuccessMessage =
  '{"Job":{"StartedAt":"2026-11-27T10:00:00.123456789Z","Region":"us-west-2","Bucket":"uploads","Key":"moby.txt"},' +
  '"Words":[{"Word":"which","Count":1632},{"Word":"whale","Count":1150},{"Word":"there","Count":1150},{"Word":"their","Count":612},{"Word":"before","Count":609}],' +
  '"Duration":45500000,"Status":"success","StatusMessage":""}';

/** Its failure message: the object was gone (a nil Words slice, the AWS SDK's error text). */
export const goSampleFailureMessage =
  '{"Job":{"StartedAt":"2026-11-27T10:00:01Z","Region":"us-west-2","Bucket":"uploads","Key":"gone.txt"},' +
  '"Words":null,"Duration":1200000,"Status":"failure","StatusMessage":"NoSuchKey: The specified key does not exist.\\n\\tstatus code: 404, request id: 4442587FB7D0A2F9"}';
