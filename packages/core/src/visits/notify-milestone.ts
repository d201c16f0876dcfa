import { TransientError } from '../errors.js';
import type { ClaimStore } from '../ports/claim-store.port.js';
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

export type NotifyOutcome = 'sent' | 'already-claimed' | 'already-sent';

/**
 * Sends the congratulation mail for a crossing exactly once, however many observers see it
 * (the EC2 path, the stream handler, duplicate stream records, retries):
 *
 * 1. claim the threshold for `crossing.claimant` with a conditional write; one caller wins;
 * 2. only the claimant sends, then records `sentAt` (markSent);
 * 3. everyone else reads the claim: sent -> 'already-sent'; claimed by another increment ->
 *    'already-claimed'.
 *
 * Crash recovery: if the claimant's claim has no `sentAt`, the claimant may have died between claim
 * and send, or between send and markSent. A call with the SAME claimant (a retried stream record)
 * finding such a claim older than `resumeAfterMs` sends again. The trade-off: a crash after the mail
 * went out but before markSent then yields a second mail; without resuming, a crash before the send
 * would lose the mail for ever. We prefer a rare duplicate to a missing congratulation, and the wait
 * keeps resumption away from a send that is merely still in progress.
 * While the claim is younger than that, the call throws TransientError, so an at-least-once caller
 * (the stream handler) retries later instead of marking the crossing done: by then the mail is
 * recorded as sent ('already-sent') or the claim is old enough to resume.
 * Mailer and store errors propagate; the claim stays, and the same resumption applies.
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
  const ageMs = clock.now().getTime() - Date.parse(existing.claimedAt);
  const resumeAfterMs = options.resumeAfterMs ?? defaultResumeAfterMs;
  if (ageMs >= resumeAfterMs) return send(crossing, deps, options, 'resumed');
  throw new TransientError(
    `milestone ${threshold} is claimed by ${claimant} but not sent yet (claimed ${ageMs} ms ago); retry after ${resumeAfterMs} ms, when a stalled send is resumed`,
  );
}

async function send(crossing: Crossing, deps: NotifyMilestoneDeps, options: MilestoneMailOptions, how: 'claimed' | 'resumed'): Promise<'sent'> {
  const { messageId } = await deps.mailer.send(milestoneMail(crossing, options, deps.clock.now()));
  await deps.claims.markSent(crossing.threshold, crossing.claimant, deps.clock.now());
  deps.logger?.info('milestone mail sent', { threshold: crossing.threshold, claimant: crossing.claimant, totalAfter: crossing.totalAfter, messageId, how });
  return 'sent';
}
