/** A milestone somebody has claimed the right to announce. */
export interface MilestoneClaim {
  readonly threshold: number;
  /** Deterministic id of the increment that crossed the threshold. */
  readonly claimant: string;
  readonly claimedAt: string;
  /** Set once the email went out. */
  readonly sentAt?: string;
}

/**
 * Conditional writes that make the congratulation email exactly-once: `claim` succeeds for one caller
 * only, whatever the concurrency; the claim remembers whether the mail was sent.
 */
export interface ClaimStore {
  /** True when this call created the claim; false when one already existed (nothing is written then). */
  claim(threshold: number, claimant: string, at: Date): Promise<boolean>;
  get(threshold: number): Promise<MilestoneClaim | undefined>;
  /** Records the send; only the claimant may do so (otherwise `ConflictError`). */
  markSent(threshold: number, claimant: string, at: Date): Promise<void>;
}
