/** What an atomic visit increment returns: enough to apply the milestone rule without another read. */
export interface VisitIncrement {
  readonly page: string;
  readonly pageVisits: number;
  readonly totalBefore: number;
  readonly totalAfter: number;
}

export interface VisitCounts {
  readonly page: string;
  readonly pageVisits: number;
  readonly totalVisits: number;
}

/** Page and site-wide visit counters. Increments are atomic: concurrent calls never lose a count. */
export interface CounterStore {
  increment(page: string, by?: number): Promise<VisitIncrement>;
  read(page: string): Promise<VisitCounts>;
}
