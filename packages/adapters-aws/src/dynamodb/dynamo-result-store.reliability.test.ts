import { fitResultToLimits, resultLimits, type JobResult } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toResultItem } from './dynamo-result-item.js';
import { DynamoResultStore } from './dynamo-result-store.js';
import { resultsTableShape } from './dynamo-table-layout.js';

// Issue 11, findings 2 (a row within DynamoDB's 400 KB), 4 (the newest version wins) and 7 (the outbox flag).

let aws: EmulatedAws;
beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['dynamodb'] });
});
afterAll(async () => {
  await aws?.stop();
});

async function freshStore(): Promise<DynamoResultStore> {
  const { name } = await aws.createTable({ prefix: 'wordfreq', ...resultsTableShape });
  return new DynamoResultStore(aws.clients.dynamodb, { table: name });
}

const result = (version: string, word: string, extra: Partial<JobResult> = {}): JobResult => ({
  resultId: `id-${word}`,
  filename: 'wordfreq-uploads/doc.txt',
  bucket: 'wordfreq-uploads',
  key: 'doc.txt',
  status: 'succeeded',
  etag: `etag-${word}`,
  words: [{ word, count: 1 }],
  bytes: word.length,
  totalWords: 1,
  distinctWords: 1,
  startedAt: '2024-05-01T12:00:00.000Z',
  finishedAt: '2024-05-01T12:00:01.000Z',
  durationMs: 1000,
  countMs: 1,
  workerId: 'w',
  objectModifiedAt: version,
  published: false,
  ...extra,
});

describe('DynamoResultStore conditional write (DynamoDB Local)', () => {
  it('refuses a result of an older object version than the row, keeps the newer, and accepts the same version again', async () => {
    const store = await freshStore();
    expect(await store.save(result('2024-05-01T12:00:05.000Z', 'new'))).toBe('saved');
    expect(await store.save(result('2024-05-01T12:00:00.000Z', 'old'))).toBe('superseded');
    expect((await store.get('wordfreq-uploads/doc.txt'))?.words).toEqual([{ word: 'new', count: 1 }]);
    expect(await store.save(result('2024-05-01T12:00:05.000Z', 'new'))).toBe('saved');
    expect(await store.save(result('2024-05-01T12:00:09.000Z', 'newest'))).toBe('saved');
    expect((await store.get('wordfreq-uploads/doc.txt'))?.resultId).toBe('id-newest');
  });

  it('converges to the newest version for any order of completions', async () => {
    const store = await freshStore();
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5 }), async (order) => {
        const filename = `wordfreq-uploads/${order.join('')}-${Math.random()}`;
        for (const v of order) await store.save(result(new Date(Date.UTC(2024, 0, 1, 0, 0, v)).toISOString(), `v${v}`, { filename }));
        expect((await store.get(filename))?.resultId).toBe('id-v4');
      }),
      { numRuns: 8 },
    );
  });

  it('keeps the outbox flag: Published false until marked, and only for the result still in the row', async () => {
    const store = await freshStore();
    await store.save(result('2024-05-01T12:00:05.000Z', 'one'));
    expect((await store.get('wordfreq-uploads/doc.txt'))?.published).toBe(false);
    await store.markPublished('wordfreq-uploads/doc.txt', 'id-other');
    expect((await store.get('wordfreq-uploads/doc.txt'))?.published).toBe(false);
    await store.markPublished('wordfreq-uploads/doc.txt', 'id-one');
    expect((await store.get('wordfreq-uploads/doc.txt'))?.published).toBe(true);
  });
});

/** DynamoDB's item size: attribute names and values as UTF-8, numbers up to 21 bytes, 3 + 1 per element for lists and maps. */
function itemBytes(value: unknown): number {
  const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') return 21;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + itemBytes(v), 0);
  return 3 + Object.entries(value as object).reduce((sum, [k, v]) => sum + 1 + utf8(k) + itemBytes(v), 0);
}

describe('every result fits a DynamoDB item (finding 2)', () => {
  it('stays within 400 KB for any top list at the limits, even with the words stored twice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.constantFrom('a', '字', '😀', '\u0001'), (top, unit) => {
        const word = unit.repeat(Math.floor(256 / Buffer.byteLength(unit)));
        const key = unit.repeat(Math.floor(resultLimits.maxKeyBytes / Buffer.byteLength(unit)));
        const { result: fitted } = fitResultToLimits({
          ...result('2024-05-01T12:00:05.000Z', 'x'),
          key,
          filename: `wordfreq-uploads/${key}`,
          workerId: 'w'.repeat(resultLimits.maxWorkerIdLength),
          words: Array.from({ length: top }, (_, i) => ({ word: `${word.slice(0, -2)}${i}`, count: i })),
        });
        const item = toResultItem({ ...fitted, resultId: 'ffffffffffffffff' }) as unknown as Record<string, unknown>;
        // The Go sample's map form of Words beside the list doubles them: budget for both.
        const twice = { ...item, WordsMap: Object.fromEntries(fitted.words.map((w) => [w.word, w.count])) };
        expect(itemBytes(twice)).toBeLessThanOrEqual(400 * 1024);
      }),
    );
  });

  it('stores the largest result DynamoDB Local is given', async () => {
    const store = await freshStore();
    const word = '字'.repeat(85);
    const { result: fitted } = fitResultToLimits({
      ...result('2024-05-01T12:00:05.000Z', 'x'),
      words: Array.from({ length: 1000 }, (_, i) => ({ word: `${word}${i}`, count: i })),
    });
    expect(fitted.words.length).toBeLessThan(1000);
    expect(await store.save({ ...fitted, resultId: 'big' })).toBe('saved');
    expect((await store.get(fitted.filename))?.words).toHaveLength(fitted.words.length);
  });
});
