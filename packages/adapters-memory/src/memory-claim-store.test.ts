import { describe, expect, it } from 'vitest';
import { expectWordFreqError } from '@wordfreq/testing';
import { MemoryClaimStore } from './memory-claim-store.js';

describe('MemoryClaimStore', () => {
  const at = new Date('2024-01-01T00:00:00Z');
  const later = new Date('2024-01-01T00:01:00Z');

  it('keeps the first sentAt when the claimant records the send again (a retried Lambda)', async () => {
    const claims = new MemoryClaimStore();
    await claims.claim(100, 'me', at);
    await claims.markSent(100, 'me', at);
    await claims.markSent(100, 'me', later);
    expect((await claims.get(100))?.sentAt).toBe(at.toISOString());
  });

  it('refuses thresholds, claimants and times that cannot be stored', async () => {
    const claims = new MemoryClaimStore();
    await expectWordFreqError(claims.claim(0, 'me', at), 'BAD_INPUT', 'threshold');
    await expectWordFreqError(claims.claim(1.5, 'me', at), 'BAD_INPUT', '1.5');
    await expectWordFreqError(claims.claim(10, '', at), 'BAD_INPUT', 'claimant');
    await expectWordFreqError(claims.claim(10, 'me', new Date('nope')), 'BAD_INPUT', 'valid Date');
  });

  it('hands out copies of claims', async () => {
    const claims = new MemoryClaimStore();
    await claims.claim(5, 'me', at);
    const claim = (await claims.get(5)) as { claimant: string };
    claim.claimant = 'someone else';
    expect((await claims.get(5))?.claimant).toBe('me');
  });
});
