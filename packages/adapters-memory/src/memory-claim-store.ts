import { ConflictError, type ClaimStore, type MilestoneClaim } from '@wordfreq/core';
import { badInput } from './bad-input.js';

/**
 * Milestone claims with conditional-write semantics: `claim` is "put if absent", `markSent` is
 * "update if claimant matches". Both decide in one synchronous step, so concurrency cannot produce
 * two winners.
 */
export class MemoryClaimStore implements ClaimStore {
  readonly #claims = new Map<number, MilestoneClaim>();

  async claim(threshold: number, claimant: string, at: Date): Promise<boolean> {
    validate(threshold, claimant, at);
    if (this.#claims.has(threshold)) return false;
    this.#claims.set(threshold, { threshold, claimant, claimedAt: at.toISOString() });
    return true;
  }

  async get(threshold: number): Promise<MilestoneClaim | undefined> {
    const claim = this.#claims.get(threshold);
    return claim && { ...claim };
  }

  /** Only the claimant may record the send; a repeat by the claimant keeps the first `sentAt`. */
  async markSent(threshold: number, claimant: string, at: Date): Promise<void> {
    validate(threshold, claimant, at);
    const claim = this.#claims.get(threshold);
    if (!claim || claim.claimant !== claimant) {
      throw new ConflictError(
        claim
          ? `milestone ${threshold} was claimed by ${claim.claimant}, not ${claimant}; only the claimant sends its email`
          : `milestone ${threshold} has not been claimed; claim it before recording the email as sent`,
      );
    }
    if (claim.sentAt === undefined) this.#claims.set(threshold, { ...claim, sentAt: at.toISOString() });
  }

  async listUnsent(): Promise<MilestoneClaim[]> {
    return [...this.#claims.values()].filter((c) => c.sentAt === undefined).sort((a, b) => a.threshold - b.threshold).map((c) => ({ ...c }));
  }

  /** Moves `claimedAt` only while the claim is unsent, held by `claimant` and as the caller read it. */
  async renew(threshold: number, claimant: string, seenClaimedAt: string, at: Date): Promise<boolean> {
    validate(threshold, claimant, at);
    const claim = this.#claims.get(threshold);
    if (!claim || claim.sentAt !== undefined || claim.claimant !== claimant || claim.claimedAt !== seenClaimedAt) return false;
    this.#claims.set(threshold, { ...claim, claimedAt: at.toISOString() });
    return true;
  }
}

function validate(threshold: number, claimant: string, at: Date): void {
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw badInput(`milestone threshold must be a positive integer, got ${threshold}`);
  }
  if (typeof claimant !== 'string' || claimant.length === 0) throw badInput('claimant must be a non-empty string');
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw badInput(`claim time must be a valid Date, got ${String(at)}`);
}
