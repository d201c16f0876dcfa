/** A milestone somebody has claimed the right to announce. */
export interface MilestoneClaim {
  readonly threshold: number;
  /** Deterministic id of the increment that crossed the threshold. */
  readonly claimant: string;
  /** When the claimant took the claim, or last took it over to resend (`renew`). */
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
  /**
   * Every claim without `sentAt` (a crash or a mailer failure between claim and send), by threshold.
   * There is one claim per threshold ever crossed, so the list is short by construction.
   */
  listUnsent(): Promise<MilestoneClaim[]>;
  /**
   * Takes an unsent claim over for a resend: moves `claimedAt` to `at` only if the claim is still
   * unsent, still held by `claimant` and still claimed at `seenClaimedAt` (what the caller read).
   * True for exactly one of any number of concurrent resumers; false (nothing written) otherwise.
   */
  renew(threshold: number, claimant: string, seenClaimedAt: string, at: Date): Promise<boolean>;
}
