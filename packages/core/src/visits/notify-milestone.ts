import { TransientError } from '../errors.js';
import type { ClaimStore, MilestoneClaim } from '../ports/claim-store.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { Mailer } from '../ports/mailer.port.js';
import type { Crossing } from './crossing.js';
import { checkMilestoneMailOptions, defaultResumeAfterMs, milestoneMail, type MilestoneMailOptions } from './milestone-mail.js';

export interface NotifyMilestoneDeps {
  readonly claims: ClaimStore;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly logger?: Logger;
}

/**
 * - 'sent': this call sent the mail (first claim, or a resend of a stalled claim it took over);
 * - 'already-sent': the claim records the mail as sent;
 * - 'already-claimed': another increment holds the claim (only after a counter reset);
 * - 'pending': this increment's claim exists unsent and is young (another observer is sending it,
 *   or a send failed): nothing to do now; `resumeUnsentMilestones` resends it once it is stale.
 */
export type NotifyOutcome = 'sent' | 'already-claimed' | 'already-sent' | 'pending';

/**
 * Sends the congratulation mail for a crossing exactly once, however many observers see it
 * (the visit path, the stream handler, duplicate stream records, retries):
 *
 * 1. claim the threshold for `crossing.claimant` with a conditional write; one caller wins;
 * 2. only the claimant sends, then records `sentAt` (markSent);
 * 3. everyone else reads the claim: sent -> 'already-sent'; claimed by another increment ->
 *    'already-claimed'; this increment's claim, unsent -> 'pending' or, when stale, a resend.
 *
 * Crash recovery does not depend on anyone calling again: a claim left unsent (the process died, or
 * the mailer failed, between claim and send) is listed by the claim store and resent by
 * `resumeUnsentMilestones` (the sweep every runtime runs) once older than `resumeAfterMs`. A young
 * unsent claim is therefore not an error ('pending'): an at-least-once caller such as the stream
 * handler must not spend its retries on it. Every resend first takes the claim over (`renew`, a
 * conditional write), so of two resumers only one sends. The one case that can still yield a second
 * mail is a crash after the mailer accepted the mail and before markSent: the mailer (SES) has no
 * idempotency key, and we prefer a rare duplicate to a missing congratulation.
 * Mailer and store errors propagate; the claim stays unsent for the sweep.
 */
export async function notifyMilestone(crossing: Crossing, deps: NotifyMilestoneDeps, options: MilestoneMailOptions): Promise<NotifyOutcome> {
  checkMilestoneMailOptions(options);
  const { claims, clock } = deps;
  const { threshold, claimant } = crossing;

  if (await claims.claim(threshold, claimant, clock.now())) return send(crossing, deps, options, 'claimed');

  const existing = await claims.get(threshold);
  if (!existing) throw new TransientError(`milestone ${threshold} claim was refused but cannot be read back; retry`);
  if (existing.sentAt) return 'already-sent';
  if (existing.claimant !== claimant) {
    deps.logger?.info('milestone already claimed by another increment', { threshold, claimant, holder: existing.claimant });
    return 'already-claimed';
  }
  return (await resumeIfStale(existing, crossing, deps, options)) ?? 'pending';
}

/**
 * Resends an unsent claim older than `resumeAfterMs`, after taking it over; undefined when it is
 * too young or another resumer took it first. Shared by notifyMilestone and the sweep.
 */
export async function resumeIfStale(
  claim: MilestoneClaim,
  crossing: Crossing,
  deps: NotifyMilestoneDeps,
  options: MilestoneMailOptions,
): Promise<'sent' | undefined> {
  const ageMs = deps.clock.now().getTime() - Date.parse(claim.claimedAt);
  if (ageMs < (options.resumeAfterMs ?? defaultResumeAfterMs)) return undefined;
  if (!(await deps.claims.renew(claim.threshold, claim.claimant, claim.claimedAt, deps.clock.now()))) return undefined;
  return send(crossing, deps, options, 'resumed');
}

async function send(crossing: Crossing, deps: NotifyMilestoneDeps, options: MilestoneMailOptions, how: 'claimed' | 'resumed'): Promise<'sent'> {
  const { messageId } = await deps.mailer.send(milestoneMail(crossing, options, deps.clock.now()));
  await deps.claims.markSent(crossing.threshold, crossing.claimant, deps.clock.now());
  deps.logger?.info('milestone mail sent', { threshold: crossing.threshold, claimant: crossing.claimant, totalAfter: crossing.totalAfter, messageId, how });
  return 'sent';
}
