import { describe, expect, it } from 'vitest';
import type { ClaimStore } from '@wordfreq/core';
import type { StoreContractOptions } from './counter-store.contract.js';
import { expectWordFreqError, freshFixturePerTest } from './contract-helpers.js';

export interface ClaimStoreFixture {
  /** A store without claims (a fresh table). */
  readonly claims: ClaimStore;
  dispose(): Promise<void>;
}

/** ClaimStore behaviour: one winner per milestone, and only the winner records the email. */
export function describeClaimStoreContract(
  name: string,
  make: () => Promise<ClaimStoreFixture>,
  options: StoreContractOptions = {},
): void {
  const timeout = options.testTimeoutMs ?? 60_000;
  const at = new Date('2024-05-01T12:00:00.000Z');
  const later = new Date('2024-05-01T12:00:05.250Z');

  describe(`ClaimStore contract: ${name}`, () => {
    let f: ClaimStoreFixture;
    freshFixturePerTest(make, (made) => (f = made), options);

    it('has no claim for a milestone nobody claimed', async () => {
      expect(await f.claims.get(1_000_000)).toBeUndefined();
    });

    it('lets the first claim win and refuses a second, leaving the first intact', async () => {
      expect(await f.claims.claim(1_000_000, 'visit-1000000', at)).toBe(true);
      expect(await f.claims.claim(1_000_000, 'visit-1000001', later)).toBe(false);
      expect(await f.claims.claim(1_000_000, 'visit-1000000', later)).toBe(false);
      const claim = await f.claims.get(1_000_000);
      expect(claim).toMatchObject({ threshold: 1_000_000, claimant: 'visit-1000000', claimedAt: at.toISOString() });
      expect(claim?.sentAt).toBeUndefined();
    });

    it(
      'gives exactly one winner among concurrent claims',
      async () => {
        const claimants = Array.from({ length: 25 }, (_, i) => `worker-${i}`);
        const outcomes = await Promise.all(claimants.map((claimant) => f.claims.claim(500, claimant, at)));
        const winners = claimants.filter((_, i) => outcomes[i]);
        expect(winners).toHaveLength(1);
        expect((await f.claims.get(500))?.claimant).toBe(winners[0]);
      },
      timeout,
    );

    it('keeps milestones independent', async () => {
      expect(await f.claims.claim(1000, 'a', at)).toBe(true);
      expect(await f.claims.claim(2000, 'b', at)).toBe(true);
      expect((await f.claims.get(1000))?.claimant).toBe('a');
      expect((await f.claims.get(2000))?.claimant).toBe('b');
    });

    it('refuses markSent by anyone but the claimant with CONFLICT, and records it for the claimant', async () => {
      await f.claims.claim(1_000_000, 'winner', at);
      await expectWordFreqError(f.claims.markSent(1_000_000, 'loser', later), 'CONFLICT');
      expect((await f.claims.get(1_000_000))?.sentAt).toBeUndefined();
      await f.claims.markSent(1_000_000, 'winner', later);
      expect(await f.claims.get(1_000_000)).toMatchObject({ claimant: 'winner', claimedAt: at.toISOString(), sentAt: later.toISOString() });
    });

    it('refuses markSent for a milestone nobody claimed with CONFLICT', async () => {
      await expectWordFreqError(f.claims.markSent(3000, 'someone', later), 'CONFLICT');
      expect(await f.claims.get(3000)).toBeUndefined();
    });

    it('lists the unsent claims by threshold, and no longer once sent', async () => {
      expect(await f.claims.listUnsent()).toEqual([]);
      await f.claims.claim(2000, 'b', at);
      await f.claims.claim(1000, 'a', at);
      await f.claims.claim(3000, 'c', later);
      await f.claims.markSent(3000, 'c', later);
      expect(await f.claims.listUnsent()).toEqual([
        { threshold: 1000, claimant: 'a', claimedAt: at.toISOString() },
        { threshold: 2000, claimant: 'b', claimedAt: at.toISOString() },
      ]);
    });

    it(
      'lets exactly one of concurrent resumers take an unsent claim over, and none once it is sent',
      async () => {
        await f.claims.claim(700, 'total:700', at);
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => f.claims.renew(700, 'total:700', at.toISOString(), later)));
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        expect(await f.claims.get(700)).toMatchObject({ claimant: 'total:700', claimedAt: later.toISOString() });
        // What a resumer read before the take-over is stale now; another claimant never takes over.
        expect(await f.claims.renew(700, 'total:700', at.toISOString(), later)).toBe(false);
        expect(await f.claims.renew(700, 'total:701', later.toISOString(), later)).toBe(false);
        await f.claims.markSent(700, 'total:700', later);
        expect(await f.claims.renew(700, 'total:700', later.toISOString(), later)).toBe(false);
        expect(await f.claims.renew(800, 'total:800', at.toISOString(), later)).toBe(false);
        expect(await f.claims.get(800)).toBeUndefined();
      },
      timeout,
    );
  });
}
