import { milestonesCrossed } from './milestone.rule.js';

/** One threshold crossed by one increment of the site total. */
export interface Crossing {
  readonly threshold: number;
  /** Who may announce it: derived from the increment alone, so every observer of it agrees. */
  readonly claimant: string;
  readonly totalAfter: number;
}

/**
 * The claimant of a crossing is the increment that made it, named by the total it produced. Totals
 * from one atomic counter are unique, so this is unique per increment, and it is the same whether the
 * increment is seen by the code that made it (EC2/local path) or in a DynamoDB stream record's new
 * image (Lambda path), and on every redelivery of that record.
 */
export function claimantFor(totalAfter: number): string {
  return `total:${totalAfter}`;
}

/** The crossings of one increment from `before` to `after`. */
export function crossingsBetween(before: number, after: number, thresholds: readonly number[]): Crossing[] {
  return milestonesCrossed(before, after, thresholds).map((threshold) => ({ threshold, claimant: claimantFor(after), totalAfter: after }));
}

/**
 * The crossing a claim was taken for, rebuilt from the claim alone (a resend after a crash has
 * nothing else): the inverse of `claimantFor`. A claimant in another form (written by another
 * program) still yields a mail, naming the threshold as the total.
 */
export function crossingOfClaim(claim: { readonly threshold: number; readonly claimant: string }): Crossing {
  const match = /^total:(\d+)$/.exec(claim.claimant);
  const totalAfter = match ? Number(match[1]) : claim.threshold;
  return { threshold: claim.threshold, claimant: claim.claimant, totalAfter: Number.isSafeInteger(totalAfter) ? totalAfter : claim.threshold };
}
