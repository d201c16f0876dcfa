import type { CounterStore, MilestoneMailOptions } from '@wordfreq/core';
import { recordVisitFrom, Tokens } from '@wordfreq/core/di';
import type { Container } from 'inversify';

export interface VisitSimulationOptions {
  readonly threshold: number;
  /** Site visits before the simulation starts: the site's history, just short of the milestone. */
  readonly before: number;
  /** Visits made concurrently through `recordVisit`, enough to cross the milestone. */
  readonly visits: number;
  /** In flight at once (visitors arriving together). */
  readonly concurrency: number;
  readonly mail: MilestoneMailOptions;
  readonly onVisit?: () => void;
}

export interface VisitSimulationReport {
  readonly before: number;
  readonly after: number;
  readonly milestonesSeen: readonly number[];
}

// Forum pages the visitors spread over; one counter each, plus the site total they all add to.
const pages = ['/', '/forum/lisbon-in-spring', '/forum/kyoto-temples', '/photos/patagonia', '/forum/night-train-to-vienna'];

/**
 * The MyTravel half: the site already has `before` visits (one increment of the home page standing
 * for its history), then
 * `visits` visitors arrive together, each `recordVisit` incrementing atomically and applying the
 * milestone rule; whoever crosses the threshold claims it, and only the claimant sends the email.
 */
export async function simulateVisits(container: Container, options: VisitSimulationOptions): Promise<VisitSimulationReport> {
  const counters = container.get<CounterStore>(Tokens.CounterStore);
  const recordVisit = recordVisitFrom(container);
  if (options.before > 0) await counters.increment(pages[0], options.before);
  const milestonesSeen: number[] = [];
  let next = 0;
  const visitor = async () => {
    while (next < options.visits) {
      const page = pages[next++ % pages.length];
      const visit = await recordVisit(page, { thresholds: [options.threshold], mail: options.mail });
      milestonesSeen.push(...visit.milestones);
      options.onVisit?.();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.visits) }, visitor));
  const { totalVisits } = await counters.read(pages[0]);
  return { before: options.before, after: totalVisits, milestonesSeen };
}
