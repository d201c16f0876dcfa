import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossingsFromImages,
  ManualClock,
  notifyMilestone,
  recordVisit,
  resumeUnsentMilestones,
  type ClaimStore,
  type CounterStore,
  type Mailer,
  type MailMessage,
} from '@wordfreq/core';

export interface MilestoneDeliveryFixture {
  /** Fresh, empty stores (new tables). */
  readonly claims: ClaimStore;
  readonly counters: CounterStore;
  dispose(): Promise<void>;
}

export interface MilestoneDeliveryOptions {
  readonly numRuns?: number;
  readonly testTimeoutMs?: number;
}

type Step =
  | { readonly kind: 'visit'; readonly crash: boolean }
  | { readonly kind: 'die-after-increment' }
  | { readonly kind: 'deliver'; readonly record: number; readonly crash: boolean }
  | { readonly kind: 'sweep'; readonly crash: boolean }
  | { readonly kind: 'tick'; readonly ms: number };

const resumeAfterMs = 1000;
const mail = { from: 'forum@mytravel.example', to: ['team@mytravel.example'], resumeAfterMs };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('visit' as const), crash: fc.boolean() }),
  fc.constant({ kind: 'die-after-increment' as const }),
  fc.record({ kind: fc.constant('deliver' as const), record: fc.nat(), crash: fc.boolean() }),
  fc.record({ kind: fc.constant('sweep' as const), crash: fc.boolean() }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 1500 }) }),
);

/**
 * The milestone rule end to end on a set of stores: visits on the visit path (recordVisit), stream
 * records of their increments delivered (and redelivered) to notifyMilestone, recovery sweeps, and
 * crashes: a step with `crash` loses every send it attempts (the process died before the mail went
 * out, or SES failed); 'die-after-increment' counts a visit and dies before claiming anything. Steps between two ticks run concurrently; time only moves between them, as a
 * send never outlasts `resumeAfterMs` in production. Whatever the interleaving, once time has passed
 * and one healthy sweep ran, every crossed threshold has exactly one mail; a step that lost no send
 * never reports a failure. (A crash after the mailer accepted a mail and before the claim records it
 * can still yield a second mail: the mailer has no idempotency key. That case is not generated.)
 */
export function describeMilestoneDeliveryProperty(
  name: string,
  make: () => Promise<MilestoneDeliveryFixture>,
  options: MilestoneDeliveryOptions = {},
): void {
  describe(`milestone delivery: ${name}`, () => {
    it(
      'sends exactly one email per threshold for any interleaving of visits, crashes, redeliveries and sweeps',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
            fc.array(step, { minLength: 1, maxLength: 30 }),
            async (thresholds, steps) => {
              const fixture = await make();
              try {
                const clock = new ManualClock();
                const outbox: MailMessage[] = [];
                const mailer = (crash: boolean): Mailer => ({
                  async send(message) {
                    if (crash) throw new Error('process died before the mail went out');
                    outbox.push(message);
                    return { messageId: `mail-${outbox.length}` };
                  },
                });
                const deps = (crash: boolean) => ({ claims: fixture.claims, counters: fixture.counters, mailer: mailer(crash), clock });
                const records: [number | undefined, number][] = [];
                const unexpected: unknown[] = [];

                const run = async (s: Exclude<Step, { kind: 'tick' }>): Promise<void> => {
                  if (s.kind === 'die-after-increment') {
                    const increment = await fixture.counters.increment('/home');
                    records.push([increment.totalBefore === 0 ? undefined : increment.totalBefore, increment.totalAfter]);
                    return;
                  }
                  try {
                    if (s.kind === 'visit') {
                      const visit = await recordVisit('/home', deps(s.crash), { thresholds, mail });
                      records.push([visit.totalVisits === 1 ? undefined : visit.totalVisits - 1, visit.totalVisits]);
                      if (!s.crash && visit.notifications.some((n) => n.outcome === 'failed')) unexpected.push(visit.notifications);
                    } else if (s.kind === 'deliver') {
                      if (records.length === 0) return;
                      const [before, after] = records[s.record % records.length];
                      for (const crossing of crossingsFromImages(before, after, thresholds)) await notifyMilestone(crossing, deps(s.crash), mail);
                    } else {
                      const report = await resumeUnsentMilestones(deps(s.crash), { ...mail, thresholds });
                      if (!s.crash && report.failed.length > 0) unexpected.push(report.failed);
                    }
                  } catch (error) {
                    if (!s.crash) unexpected.push(error);
                  }
                };

                let batch: Promise<void>[] = [];
                for (const s of steps) {
                  if (s.kind === 'tick') {
                    await Promise.all(batch);
                    batch = [];
                    clock.advance(s.ms);
                  } else {
                    batch.push(run(s));
                  }
                }
                await Promise.all(batch);
                clock.advance(resumeAfterMs);
                const last = await resumeUnsentMilestones(deps(false), { ...mail, thresholds });

                expect(unexpected).toEqual([]);
                expect(last.failed).toEqual([]);
                const total = records.length;
                const announced = outbox.map((m) => Number(/passed ([\d,]+)/.exec(m.subject)?.[1].replace(/,/g, ''))).sort((a, b) => a - b);
                expect(announced).toEqual(thresholds.filter((t) => t <= total).sort((a, b) => a - b));
                expect(await fixture.claims.listUnsent()).toEqual([]);
              } finally {
                await fixture.dispose();
              }
            },
          ),
          { numRuns: options.numRuns ?? 200 },
        );
      },
      options.testTimeoutMs ?? 60_000,
    );
  });
}
