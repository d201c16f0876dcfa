// In-test fakes of the visit ports. Their atomicity is the point: each increment and each claim
// reads and writes in one synchronous step (after an await, so calls interleave between steps),
// which is what DynamoDB's update expressions and conditional writes guarantee.
import { ConflictError } from '../errors.js';
import type { ClaimStore, MilestoneClaim } from '../ports/claim-store.port.js';
import type { CounterStore, VisitCounts, VisitIncrement } from '../ports/counter-store.port.js';
import type { Mailer, MailMessage } from '../ports/mailer.port.js';

/** Lets a test decide when each pending store call proceeds (e.g. fast-check's scheduler). */
export type Gate = <T>(label: string, step: () => T) => Promise<T>;
export const openGate: Gate = async (_label, step) => step();

export class FakeCounterStore implements CounterStore {
  readonly pages = new Map<string, number>();
  total = 0;
  constructor(private readonly gate: Gate = openGate) {}
  increment(page: string, by = 1): Promise<VisitIncrement> {
    return this.gate(`increment ${page}`, () => {
      const totalBefore = this.total;
      this.total += by;
      const pageVisits = (this.pages.get(page) ?? 0) + by;
      this.pages.set(page, pageVisits);
      return { page, pageVisits, totalBefore, totalAfter: this.total };
    });
  }
  async read(page: string): Promise<VisitCounts> {
    return { page, pageVisits: this.pages.get(page) ?? 0, totalVisits: this.total };
  }
}

export class FakeClaimStore implements ClaimStore {
  readonly claims = new Map<number, MilestoneClaim>();
  constructor(private readonly gate: Gate = openGate) {}
  claim(threshold: number, claimant: string, at: Date): Promise<boolean> {
    return this.gate(`claim ${threshold}`, () => {
      if (this.claims.has(threshold)) return false;
      this.claims.set(threshold, { threshold, claimant, claimedAt: at.toISOString() });
      return true;
    });
  }
  get(threshold: number): Promise<MilestoneClaim | undefined> {
    return this.gate(`get ${threshold}`, () => this.claims.get(threshold));
  }
  markSent(threshold: number, claimant: string, at: Date): Promise<void> {
    return this.gate(`markSent ${threshold}`, () => {
      const claim = this.claims.get(threshold);
      if (!claim || claim.claimant !== claimant) throw new ConflictError(`milestone ${threshold} is not claimed by ${claimant}`);
      this.claims.set(threshold, { ...claim, sentAt: at.toISOString() });
    });
  }
  listUnsent(): Promise<MilestoneClaim[]> {
    return this.gate('listUnsent', () => [...this.claims.values()].filter((c) => c.sentAt === undefined).sort((a, b) => a.threshold - b.threshold));
  }
  renew(threshold: number, claimant: string, seenClaimedAt: string, at: Date): Promise<boolean> {
    return this.gate(`renew ${threshold}`, () => {
      const claim = this.claims.get(threshold);
      if (!claim || claim.sentAt !== undefined || claim.claimant !== claimant || claim.claimedAt !== seenClaimedAt) return false;
      this.claims.set(threshold, { ...claim, claimedAt: at.toISOString() });
      return true;
    });
  }
}

export class FakeMailer implements Mailer {
  readonly outbox: MailMessage[] = [];
  failures: unknown[] = [];
  constructor(private readonly gate: Gate = openGate) {}
  send(message: MailMessage): Promise<{ messageId: string }> {
    return this.gate('send', () => {
      const error = this.failures.shift();
      if (error !== undefined) throw error;
      this.outbox.push(message);
      return { messageId: `mail-${this.outbox.length}` };
    });
  }
}
