import { ConflictError } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoClaimStore } from './dynamo-claim-store.js';
import { claimsTableShape } from './dynamo-table-layout.js';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['dynamodb'] });
});

afterAll(async () => {
  await aws?.stop();
});

async function freshStore(): Promise<DynamoClaimStore> {
  const { name } = await aws.createTable({ prefix: 'milestones', ...claimsTableShape });
  return new DynamoClaimStore(aws.clients.dynamodb, { table: name });
}

const at = new Date('2026-11-27T12:00:00.000Z');
const later = new Date('2026-11-27T12:05:00.000Z');

describe('DynamoClaimStore on DynamoDB Local', () => {
  it('lets exactly one of 200 concurrent claimants win a milestone', async () => {
    const store = await freshStore();
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => store.claim(1_000_000, `increment-${i}`, at)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = `increment-${outcomes.indexOf(true)}`;
    expect(await store.get(1_000_000)).toEqual({ threshold: 1_000_000, claimant: winner, claimedAt: at.toISOString() });
  });

  it('refuses a second claim without touching the first', async () => {
    const store = await freshStore();
    expect(await store.claim(1000, 'first', at)).toBe(true);
    expect(await store.claim(1000, 'second', later)).toBe(false);
    expect(await store.get(1000)).toEqual({ threshold: 1000, claimant: 'first', claimedAt: at.toISOString() });
  });

  it('records the send for the claimant only, keeping the first time', async () => {
    const store = await freshStore();
    await store.claim(5000, 'winner', at);
    await expect(store.markSent(5000, 'loser', later)).rejects.toThrow(ConflictError);
    await expect(store.markSent(5000, 'loser', later)).rejects.toMatchObject({ message: expect.stringMatching(/claimed by winner, not loser/) });
    await store.markSent(5000, 'winner', at);
    await store.markSent(5000, 'winner', later);
    expect(await store.get(5000)).toEqual({ threshold: 5000, claimant: 'winner', claimedAt: at.toISOString(), sentAt: at.toISOString() });
  });

  it('refuses to record a send for a milestone nobody claimed', async () => {
    const store = await freshStore();
    await expect(store.markSent(42, 'me', at)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/has not been claimed/) });
    expect(await store.get(42)).toBeUndefined();
  });

  it('checks thresholds, claimants and times', async () => {
    const store = await freshStore();
    await expect(store.claim(0, 'me', at)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.claim(10, '', at)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.claim(10, 'me', new Date(Number.NaN))).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
