import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransientError, WordFreqError } from '../errors.js';
import { manualClock } from '../jobs/fakes.test-support.js';
import { crossingsFromImages } from './counter-stream.js';
import { FakeClaimStore, FakeCounterStore, FakeMailer, type Gate } from './fakes.test-support.js';
import { notifyMilestone } from './notify-milestone.js';
import { recordVisit } from './record-visit.js';

const mail = { from: 'forum@example.com', to: ['owner@example.com'] };

function world(gate?: Gate) {
  const counters = new FakeCounterStore(gate);
  const claims = new FakeClaimStore(gate);
  const mailer = new FakeMailer(gate);
  const clock = manualClock();
  return { counters, claims, mailer, clock, deps: { counters, claims, mailer, clock } };
}

const subjects = (mailer: FakeMailer) => mailer.outbox.map((m) => m.subject).sort();
const subjectFor = (t: number) => `Congratulations: MyTravel has passed ${t.toLocaleString('en-US')} visits`;

describe('recordVisit', () => {
  it('counts the page and the total and reports the milestone it crossed', async () => {
    const { counters, mailer, deps } = world();
    counters.total = 999_998;
    const options = { thresholds: [1_000_000], mail };
    expect(await recordVisit('/home', deps, options)).toEqual({ page: '/home', pageVisits: 1, totalVisits: 999_999, milestones: [], notifications: [] });
    expect(await recordVisit('/forum/lisbon', deps, options)).toEqual({
      page: '/forum/lisbon',
      pageVisits: 1,
      totalVisits: 1_000_000,
      milestones: [1_000_000],
      notifications: [{ threshold: 1_000_000, outcome: 'sent' }],
    });
    expect((await recordVisit('/home', deps, options)).pageVisits).toBe(2);
    expect(subjects(mailer)).toEqual([subjectFor(1_000_000)]);
  });

  it('rejects a bad page id before counting anything', async () => {
    const { counters, deps } = world();
    await expect(recordVisit('', deps, { thresholds: [1], mail })).rejects.toSatisfy((e) => WordFreqError.hasCode(e, 'BAD_INPUT'));
    expect(counters.total).toBe(0);
  });

  it('keeps the visit when the mail fails, and says so', async () => {
    const { counters, mailer, deps } = world();
    mailer.failures = [new TransientError('SES down')];
    const visit = await recordVisit('/a', deps, { thresholds: [1], mail });
    expect(visit).toMatchObject({ totalVisits: 1, milestones: [1], notifications: [{ threshold: 1, outcome: 'failed', error: 'SES down' }] });
    expect(counters.total).toBe(1);
  });

  it('sends exactly one mail per threshold when visits run concurrently in any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.nat(20),
        fc.array(fc.constantFrom('/a', '/b', '/c'), { minLength: 1, maxLength: 25 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { maxLength: 6 }),
        async (s, start, pages, thresholds) => {
          const { counters, claims, mailer, deps } = world((label, step) => s.schedule(Promise.resolve(label), label).then(step));
          counters.total = start;
          const done = await s.waitFor(Promise.all(pages.map((page) => recordVisit(page, deps, { thresholds, mail }))));

          const due = thresholds.filter((t) => start < t && t <= start + pages.length).sort((a, b) => a - b);
          expect(subjects(mailer)).toEqual(due.map(subjectFor).sort());
          expect(done.flatMap((v) => v.milestones).sort((a, b) => a - b)).toEqual(due);
          expect(done.flatMap((v) => v.notifications.map((n) => n.outcome))).toEqual(due.map(() => 'sent'));
          for (const t of due) expect(claims.claims.get(t)?.sentAt).toBeDefined();
          expect(counters.total).toBe(start + pages.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the stream path (crossingsFromImages + notifyMilestone)', () => {
  it('maps INSERT, MODIFY and REMOVE images', () => {
    expect(crossingsFromImages(undefined, 1, [1, 2])).toEqual([{ threshold: 1, claimant: 'total:1', totalAfter: 1 }]);
    expect(crossingsFromImages(9, 10, [10])).toEqual([{ threshold: 10, claimant: 'total:10', totalAfter: 10 }]);
    expect(crossingsFromImages(10, undefined, [10])).toEqual([]);
  });

  it('sends one mail per threshold despite duplicate, reordered, concurrent records and the EC2 path seeing the same increments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 15 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        async (s, steps, thresholds, duplicates, alsoEc2) => {
          const { claims, mailer, clock } = world((label, step) => s.schedule(Promise.resolve(label), label).then(step));
          const deps = { claims, mailer, clock };
          // The increments a counter table would have streamed: (old, new) images.
          const records: [number | undefined, number][] = [];
          let total = 0;
          for (const step of steps) {
            records.push([total === 0 ? undefined : total, total + step]);
            total += step;
          }
          for (const d of duplicates) records.push(records[d % records.length]);
          const crossings = records.flatMap(([before, after]) => crossingsFromImages(before, after, thresholds));
          if (alsoEc2) crossings.push(...records.slice(0, steps.length).flatMap(([before, after]) => crossingsFromImages(before ?? 0, after, thresholds)));

          // An at-least-once consumer: a TransientError means "try this record again later".
          let pending = crossings;
          for (let round = 0; pending.length > 0; round++) {
            expect(round).toBeLessThan(3);
            const outcomes = Promise.all(pending.map((c) => notifyMilestone(c, deps, mail).then(() => undefined, (e: unknown) => (WordFreqError.hasCode(e, 'TRANSIENT') ? c : Promise.reject(e)))));
            pending = (await s.waitFor(outcomes)).filter((c) => c !== undefined);
          }

          const due = thresholds.filter((t) => t <= total).sort((a, b) => a - b);
          expect(subjects(mailer)).toEqual(due.map(subjectFor).sort());
        },
      ),
      { numRuns: 150 },
    );
  });
});
