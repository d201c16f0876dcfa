import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransientError } from '../errors.js';
import { manualClock } from '../jobs/fakes.test-support.js';
import { FakeClaimStore, FakeCounterStore, FakeMailer } from './fakes.test-support.js';
import { notifyMilestone } from './notify-milestone.js';
import { recordVisit } from './record-visit.js';
import { resumeUnsentMilestones } from './resume-unsent-milestones.js';

const mail = { from: 'forum@example.com', to: ['owner@example.com'], resumeAfterMs: 1000 };

describe('resumeUnsentMilestones (the recovery sweep)', () => {
  it('sends the mail a failed send left behind, with no later visit, once the claim is stale', async () => {
    const clock = manualClock();
    const claims = new FakeClaimStore();
    const mailer = new FakeMailer();
    const deps = { counters: new FakeCounterStore(), claims, mailer, clock };
    mailer.failures = [new TransientError('SES down')];
    expect((await recordVisit('/a', deps, { thresholds: [1], mail })).notifications[0].outcome).toBe('failed');

    expect(await resumeUnsentMilestones(deps, mail)).toEqual({ resent: [], waiting: [1], failed: [] });
    clock.advance(1000);
    expect(await resumeUnsentMilestones(deps, mail)).toEqual({ resent: [1], waiting: [], failed: [] });
    expect(mailer.outbox.map((m) => m.subject)).toEqual(['Congratulations: MyTravel has passed 1 visits']);
    expect(mailer.outbox[0].text).toContain('the total reached 1 ');
    expect(await resumeUnsentMilestones(deps, mail)).toEqual({ resent: [], waiting: [], failed: [] });
    expect(claims.claims.get(1)?.sentAt).toBe(clock.now().toISOString());
  });

  it('announces a threshold the total passed that nobody claimed (the process died after the increment)', async () => {
    const clock = manualClock();
    const claims = new FakeClaimStore();
    const mailer = new FakeMailer();
    const counters = new FakeCounterStore();
    for (let i = 0; i < 3; i += 1) await counters.increment('/a');
    // Without the counters the sweep cannot know; with them it claims as the crossing increment would.
    expect(await resumeUnsentMilestones({ claims, mailer, clock }, { ...mail, thresholds: [2, 5] })).toEqual({ resent: [], waiting: [], failed: [] });
    expect(await resumeUnsentMilestones({ claims, mailer, clock, counters }, { ...mail, thresholds: [2, 5] })).toEqual({ resent: [2], waiting: [], failed: [] });
    expect(claims.claims.get(2)).toMatchObject({ claimant: 'total:2', sentAt: clock.now().toISOString() });
    expect(mailer.outbox[0].text).toContain('the total reached 2 ');
    expect(await notifyMilestone({ threshold: 2, claimant: 'total:2', totalAfter: 2 }, { claims, mailer, clock }, mail)).toBe('already-sent');
    expect(mailer.outbox).toHaveLength(1);
  });

  it('keeps a failed resend for the next sweep and goes on with the others', async () => {
    const clock = manualClock();
    const claims = new FakeClaimStore();
    const mailer = new FakeMailer();
    await claims.claim(10, 'total:10', clock.now());
    await claims.claim(20, 'total:21', clock.now());
    clock.advance(1000);
    mailer.failures = [new TransientError('SES throttled')];
    expect(await resumeUnsentMilestones({ claims, mailer, clock }, mail)).toEqual({ resent: [20], waiting: [], failed: [{ threshold: 10, error: 'SES throttled' }] });
    expect(mailer.outbox[0].text).toContain('the total reached 21 ');
    // The failed resend renewed the claim: it waits another resumeAfterMs, then goes.
    expect(await resumeUnsentMilestones({ claims, mailer, clock }, mail)).toEqual({ resent: [], waiting: [10], failed: [] });
    clock.advance(1000);
    expect(await resumeUnsentMilestones({ claims, mailer, clock }, mail)).toEqual({ resent: [10], waiting: [], failed: [] });
    expect(mailer.outbox).toHaveLength(2);
  });

  it('a young claim of the same increment is pending for its second observer, not a failure', async () => {
    const clock = manualClock();
    const claims = new FakeClaimStore();
    const mailer = new FakeMailer();
    const crossing = { threshold: 5, claimant: 'total:5', totalAfter: 5 };
    mailer.failures = [new TransientError('SES down')];
    await expect(notifyMilestone(crossing, { claims, mailer, clock }, mail)).rejects.toThrow('SES down');
    // The stream's redelivery of the same increment: checkpoint it, the sweep owns the resend.
    expect(await notifyMilestone(crossing, { claims, mailer, clock }, mail)).toBe('pending');
  });

  it('sends once however many sweeps and observers resume the same stale claim at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 4 }), async (s, sweeps, observers) => {
        const clock = manualClock();
        const claims = new FakeClaimStore((label, step) => s.schedule(Promise.resolve(label), label).then(step));
        const mailer = new FakeMailer((label, step) => s.schedule(Promise.resolve(label), label).then(step));
        const crossing = { threshold: 7, claimant: 'total:7', totalAfter: 7 };
        const claimed = claims.claim(7, 'total:7', clock.now());
        await s.waitFor(claimed);
        clock.advance(1000);
        const deps = { claims, mailer, clock };
        const runs = Promise.all([
          ...Array.from({ length: sweeps }, () => resumeUnsentMilestones(deps, mail)),
          ...Array.from({ length: observers }, () => notifyMilestone(crossing, deps, mail)),
        ]);
        const outcomes = await s.waitFor(runs);
        expect(mailer.outbox).toHaveLength(1);
        expect(outcomes.every((o) => typeof o === 'string' || o.failed.length === 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
