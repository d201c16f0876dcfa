import { WordFreqError } from '../errors.js';
import type { ClaimStore } from '../ports/claim-store.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { CounterStore } from '../ports/counter-store.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { Mailer } from '../ports/mailer.port.js';
import { crossingsBetween } from './crossing.js';
import { checkMilestoneMailOptions, type MilestoneMailOptions } from './milestone-mail.js';
import { notifyMilestone, type NotifyOutcome } from './notify-milestone.js';
import { validatePageId } from './page-id.js';

export interface RecordVisitDeps {
  readonly counters: CounterStore;
  readonly claims: ClaimStore;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly logger?: Logger;
}

export interface RecordVisitOptions {
  readonly thresholds: readonly number[];
  readonly mail: MilestoneMailOptions;
}

export interface VisitRecorded {
  readonly page: string;
  readonly pageVisits: number;
  readonly totalVisits: number;
  /** Thresholds this visit's increment crossed (usually none). */
  readonly milestones: number[];
  /** What notifying each crossed milestone did; 'failed' carries the error's message. */
  readonly notifications: readonly { readonly threshold: number; readonly outcome: NotifyOutcome | 'failed'; readonly error?: string }[];
}

/**
 * Counts one visit (page and site total, in one atomic increment), applies the milestone rule to the
 * totals the increment returned, and notifies each crossing. A failed notification does not fail the
 * visit: the count is already made, and a caller retrying the visit would count it twice. It is
 * logged and reported in `notifications`; its claim stays unsent for a resumption (see notifyMilestone).
 */
export async function recordVisit(page: string, deps: RecordVisitDeps, options: RecordVisitOptions): Promise<VisitRecorded> {
  const id = validatePageId(page);
  checkMilestoneMailOptions(options.mail);
  const increment = await deps.counters.increment(id);
  const crossings = crossingsBetween(increment.totalBefore, increment.totalAfter, options.thresholds);
  const notifications: VisitRecorded['notifications'][number][] = [];
  for (const crossing of crossings) {
    try {
      notifications.push({ threshold: crossing.threshold, outcome: await notifyMilestone(crossing, deps, options.mail) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = WordFreqError.isInstance(error) ? { code: error.code } : {};
      deps.logger?.error('milestone notification failed', { threshold: crossing.threshold, claimant: crossing.claimant, error: message, ...code });
      notifications.push({ threshold: crossing.threshold, outcome: 'failed', error: message });
    }
  }
  return {
    page: id,
    pageVisits: increment.pageVisits,
    totalVisits: increment.totalAfter,
    milestones: crossings.map((c) => c.threshold),
    notifications,
  };
}
