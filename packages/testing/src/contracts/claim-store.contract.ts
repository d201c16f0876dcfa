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
  });
}
