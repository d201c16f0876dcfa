import { WordFreqError, type CounterStore, type VisitCounts, type VisitIncrement } from '@wordfreq/core';
import { describeCounterStoreContract } from '@wordfreq/testing';

/** Your own CounterStore: here a Map (each call runs to its end before another starts, so it is atomic). */
class MapCounterStore implements CounterStore {
  readonly #pages = new Map<string, number>();
  #total = 0;

  async increment(page: string, by = 1): Promise<VisitIncrement> {
    if (!Number.isInteger(by) || by < 1) throw new WordFreqError('BAD_INPUT', `cannot add ${by} visits to ${page}; add a whole number >= 1`);
    const totalBefore = this.#total;
    this.#total += by;
    const pageVisits = (this.#pages.get(page) ?? 0) + by;
    this.#pages.set(page, pageVisits);
    return { page, pageVisits, totalBefore, totalAfter: this.#total };
  }

  async read(page: string): Promise<VisitCounts> {
    return { page, pageVisits: this.#pages.get(page) ?? 0, totalVisits: this.#total };
  }
}

// Every test gets a fresh store from the factory and disposes of it afterwards.
describeCounterStoreContract('MapCounterStore', async () => ({ counters: new MapCounterStore(), dispose: async () => {} }));
