import { WordFreqError } from '../errors.js';
import { crossingOfClaim } from './crossing.js';
import { checkMilestoneMailOptions, type MilestoneMailOptions } from './milestone-mail.js';
import { resumeIfStale, type NotifyMilestoneDeps } from './notify-milestone.js';

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
 * retry. One failed resend does not stop the others; the sweep itself throws only when the claims
 * cannot be listed.
 */
export async function resumeUnsentMilestones(deps: NotifyMilestoneDeps, options: MilestoneMailOptions): Promise<MilestoneSweepReport> {
  checkMilestoneMailOptions(options);
  const report = { resent: [] as number[], waiting: [] as number[], failed: [] as { threshold: number; error: string }[] };
  for (const claim of await deps.claims.listUnsent()) {
    try {
      const outcome = await resumeIfStale(claim, crossingOfClaim(claim), deps, options);
      (outcome === 'sent' ? report.resent : report.waiting).push(claim.threshold);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.logger?.error('milestone resend failed; the next sweep tries again', {
        threshold: claim.threshold,
        claimant: claim.claimant,
        error: message,
        ...(WordFreqError.isInstance(error) ? { code: error.code } : {}),
      });
      report.failed.push({ threshold: claim.threshold, error: message });
    }
  }
  return report;
}
