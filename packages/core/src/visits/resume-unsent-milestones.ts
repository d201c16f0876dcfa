import { WordFreqError } from '../errors.js';
import type { CounterStore } from '../ports/counter-store.port.js';
import { claimantFor, crossingOfClaim } from './crossing.js';
import { checkMilestoneMailOptions, type MilestoneMailOptions } from './milestone-mail.js';
import { notifyMilestone, resumeIfStale, type NotifyMilestoneDeps } from './notify-milestone.js';

export interface MilestoneSweepDeps extends NotifyMilestoneDeps {
  /** With `thresholds`: lets the sweep find thresholds the total passed that nobody claimed. */
  readonly counters?: CounterStore;
}

export interface MilestoneSweepOptions {
  /** The milestone thresholds; with `deps.counters`, every one at or below the total must have a claim. */
  readonly thresholds?: readonly number[];
}

export interface MilestoneSweepReport {
  /** Thresholds whose mail this sweep sent. */
  readonly resent: number[];
  /** Unsent claims younger than `resumeAfterMs`, or taken over by another resumer: left for later. */
  readonly waiting: number[];
  /** Resends that failed (the claim stays unsent for the next sweep), with the error's message. */
  readonly failed: readonly { readonly threshold: number; readonly error: string }[];
}

/**
 * The recovery sweep: every claim left unsent (a crash or a mailer failure between claim and send,
 * on whichever path crossed) and older than `resumeAfterMs` is taken over and its mail sent. Runtimes
 * run it at start and on a timer, so a lost send is repaired without any later visit or stream
 * retry. Given the counters and thresholds it first claims and announces any threshold the site total
 * has passed without a claim (the process died between the increment and the claim, or the claim
 * write failed until the stream gave up): visits add 1, so the increment that reached a threshold
 * is named `claimantFor(threshold)`, the name its own observers use, and they then find it
 * 'pending' or 'already-sent'. One failed resend does not stop the others; the sweep itself throws
 * only when the claims (or the total) cannot be read.
 */
export async function resumeUnsentMilestones(
  deps: MilestoneSweepDeps,
  options: MilestoneMailOptions & MilestoneSweepOptions,
): Promise<MilestoneSweepReport> {
  checkMilestoneMailOptions(options);
  const report = { resent: [] as number[], waiting: [] as number[], failed: [] as { threshold: number; error: string }[] };
  const attempt = async (threshold: number, claimant: string, resend: () => Promise<'sent' | string | undefined>) => {
    try {
      if ((await resend()) === 'sent') report.resent.push(threshold);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.logger?.error('milestone resend failed; the next sweep tries again', {
        threshold,
        claimant,
        error: message,
        ...(WordFreqError.isInstance(error) ? { code: error.code } : {}),
      });
      report.failed.push({ threshold, error: message });
    }
  };
  if (deps.counters && options.thresholds?.length) {
    // Any page's counts carry the site total.
    const { totalVisits } = await deps.counters.read('/');
    for (const threshold of [...new Set(options.thresholds)].filter((t) => t <= totalVisits).sort((a, b) => a - b)) {
      if (await deps.claims.get(threshold)) continue;
      const crossing = { threshold, claimant: claimantFor(threshold), totalAfter: threshold };
      await attempt(threshold, crossing.claimant, () => notifyMilestone(crossing, deps, options));
    }
  }
  for (const claim of await deps.claims.listUnsent()) {
    if (report.resent.includes(claim.threshold) || report.failed.some((f) => f.threshold === claim.threshold)) continue;
    await attempt(claim.threshold, claim.claimant, async () => {
      const outcome = await resumeIfStale(claim, crossingOfClaim(claim), deps, options);
      if (outcome !== 'sent') report.waiting.push(claim.threshold);
      return outcome;
    });
  }
  return report;
}
