import { describe, expect, it } from 'vitest';
import { TransientError } from '../errors.js';
import { manualClock } from '../jobs/fakes.test-support.js';
import { crossingsBetween } from './crossing.js';
import { FakeClaimStore, FakeMailer } from './fakes.test-support.js';
import { groupDigits } from './milestone-mail.js';
import { notifyMilestone } from './notify-milestone.js';

const mail = { from: 'forum@example.com', to: ['owner@example.com'] };
const crossing = { threshold: 1_000_000, claimant: 'total:1000000', totalAfter: 1_000_000 };

function setup() {
  const claims = new FakeClaimStore();
  const mailer = new FakeMailer();
  const clock = manualClock();
  return { claims, mailer, clock, deps: { claims, mailer, clock } };
}

describe('notifyMilestone', () => {
  it('claims, sends one congratulation and records the send', async () => {
    const { claims, mailer, clock, deps } = setup();
    expect(await notifyMilestone(crossing, deps, { ...mail, siteName: 'MyTravel' })).toBe('sent');
    expect(mailer.outbox).toHaveLength(1);
    expect(mailer.outbox[0]).toMatchObject({ from: 'forum@example.com', to: ['owner@example.com'], subject: 'Congratulations: MyTravel has passed 1,000,000 visits' });
    expect(mailer.outbox[0].text).toContain('Congratulations!');
    expect(mailer.outbox[0].text).toContain('the total reached 1,000,000');
    expect(claims.claims.get(1_000_000)).toEqual({ threshold: 1_000_000, claimant: 'total:1000000', claimedAt: clock.now().toISOString(), sentAt: clock.now().toISOString() });
  });

  it('never sends twice for the same crossing or for another claimant', async () => {
    const { mailer, deps } = setup();
    await notifyMilestone(crossing, deps, mail);
    expect(await notifyMilestone(crossing, deps, mail)).toBe('already-sent');
    expect(await notifyMilestone({ ...crossing, claimant: 'total:1000003', totalAfter: 1_000_003 }, deps, mail)).toBe('already-sent');
    expect(mailer.outbox).toHaveLength(1);
  });

  it('reports a claim held by another increment, unsent, as already claimed', async () => {
    const { claims, mailer, clock, deps } = setup();
    await claims.claim(1_000_000, 'total:1000000', clock.now());
    expect(await notifyMilestone({ ...crossing, claimant: 'total:1000002' }, deps, mail)).toBe('already-claimed');
    expect(mailer.outbox).toHaveLength(0);
  });

  it('resumes its own stalled claim only after resumeAfterMs (crash recovery)', async () => {
    const { claims, mailer, clock, deps } = setup();
    mailer.failures = [new TransientError('SES throttled')];
    await expect(notifyMilestone(crossing, deps, mail)).rejects.toThrow('SES throttled');
    expect(claims.claims.get(1_000_000)?.sentAt).toBeUndefined();

    clock.advance(59_999);
    // Not an error: a stream retry must not be spent on it; the sweep resends it once stale.
    expect(await notifyMilestone(crossing, deps, mail)).toBe('pending');
    expect(mailer.outbox).toHaveLength(0);

    clock.advance(1);
    expect(await notifyMilestone(crossing, deps, mail)).toBe('sent');
    expect(await notifyMilestone(crossing, deps, mail)).toBe('already-sent');
    expect(mailer.outbox).toHaveLength(1);
  });

  it('honours a custom resume window', async () => {
    const { claims, clock, deps } = setup();
    await claims.claim(1_000_000, crossing.claimant, clock.now());
    clock.advance(10);
    expect(await notifyMilestone(crossing, deps, { ...mail, resumeAfterMs: 10 })).toBe('sent');
  });

  it('refuses mail settings that cannot work', async () => {
    const { deps } = setup();
    await expect(notifyMilestone(crossing, deps, { from: '', to: [] })).rejects.toThrow(/mail.from must be the sender address; mail.to must list at least one recipient/);
  });

  it('formats numbers the same everywhere', () => {
    expect([0, 999, 1000, 1_000_000, 12_345_678.5].map(groupDigits)).toEqual(['0', '999', '1,000', '1,000,000', '12,345,678.5']);
  });

  it('derives the same claimant from the increment on every path', () => {
    expect(crossingsBetween(999_998, 1_000_001, [1_000_000])).toEqual([{ threshold: 1_000_000, claimant: 'total:1000001', totalAfter: 1_000_001 }]);
  });
});
