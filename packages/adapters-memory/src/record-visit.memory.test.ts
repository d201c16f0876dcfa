import { recordVisit } from '@wordfreq/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';
import { MemoryClaimStore } from './memory-claim-store.js';
import { MemoryCounterStore } from './memory-counter-store.js';
import { MemoryMailer } from './memory-mailer.js';

const mail = { from: 'forum@mytravel.example', to: ['team@mytravel.example'] };

// The core's milestone rule and claim protocol, run through the memory adapters with visits in
// flight at the same time: whatever the interleaving, every threshold is announced exactly once.
describe('recordVisit on the memory adapters, concurrently', () => {
  it('sends exactly one email per crossed threshold and counts every visit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom('home', 'forum/paris', 'photos'), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 32 }),
        fc.scheduler(),
        async (thresholds, pages, concurrency, scheduler) => {
          const clock = new ManualClock();
          const deps = { counters: new MemoryCounterStore(), claims: new MemoryClaimStore(), mailer: new MemoryMailer(), clock };
          // The scheduler reorders when each adapter call resolves, so increments, claims and sends interleave.
          const scheduled = {
            counters: { increment: scheduler.scheduleFunction(deps.counters.increment.bind(deps.counters)), read: deps.counters.read.bind(deps.counters) },
            claims: {
              claim: scheduler.scheduleFunction(deps.claims.claim.bind(deps.claims)),
              get: scheduler.scheduleFunction(deps.claims.get.bind(deps.claims)),
              markSent: scheduler.scheduleFunction(deps.claims.markSent.bind(deps.claims)),
              listUnsent: scheduler.scheduleFunction(deps.claims.listUnsent.bind(deps.claims)),
              renew: scheduler.scheduleFunction(deps.claims.renew.bind(deps.claims)),
            },
            mailer: { send: scheduler.scheduleFunction(deps.mailer.send.bind(deps.mailer)) },
            clock,
          };
          let next = 0;
          const lane = async () => {
            while (next < pages.length) await recordVisit(pages[next++], scheduled, { thresholds, mail });
          };
          const lanes = Promise.all(Array.from({ length: concurrency }, lane));
          await scheduler.waitFor(lanes);

          const total = (await deps.counters.read('home')).totalVisits;
          expect(total).toBe(pages.length);
          const crossed = thresholds.filter((t) => t <= pages.length).sort((a, b) => a - b);
          const announced = deps.mailer.outbox.map((message) => Number(/passed ([\d,]+)/.exec(message.subject)?.[1].replace(/,/g, '')));
          expect(announced.sort((a, b) => a - b)).toEqual(crossed);
          for (const threshold of crossed) expect((await deps.claims.get(threshold))?.sentAt).toBeDefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});
