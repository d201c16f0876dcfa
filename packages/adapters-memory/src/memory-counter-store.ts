import type { CounterStore, VisitCounts, VisitIncrement } from '@wordfreq/core';
import { badInput } from './bad-input.js';

/**
 * Page and site-wide visit counters. Each increment reads and writes in one synchronous step, so
 * concurrent callers never lose an update, and it returns the site total before and after it (what
 * DynamoDB's ADD with ReturnValues gives), enough for the milestone rule without another read.
 */
export class MemoryCounterStore implements CounterStore {
  readonly #pages = new Map<string, number>();
  #total = 0;

  async increment(page: string, by = 1): Promise<VisitIncrement> {
    validatePage(page);
    if (!Number.isSafeInteger(by) || by < 1) {
      throw badInput(`visit increment for page "${page}" must be a positive integer, got ${by}`);
    }
    const totalBefore = this.#total;
    this.#total += by;
    const pageVisits = (this.#pages.get(page) ?? 0) + by;
    this.#pages.set(page, pageVisits);
    return { page, pageVisits, totalBefore, totalAfter: this.#total };
  }

  /** A page never visited reads as zero visits (a counter that does not exist yet counts nothing). */
  async read(page: string): Promise<VisitCounts> {
    validatePage(page);
    return { page, pageVisits: this.#pages.get(page) ?? 0, totalVisits: this.#total };
  }
}

function validatePage(page: string): void {
  if (typeof page !== 'string' || page.length === 0) throw badInput('page name must be a non-empty string');
}
