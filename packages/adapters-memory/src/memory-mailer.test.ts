import { describe, expect, it } from 'vitest';
import { expectWordFreqError } from '@wordfreq/testing';
import { ManualClock } from './manual-clock.js';
import { MemoryMailer } from './memory-mailer.js';

describe('MemoryMailer', () => {
  const base = { from: 'a@example.com', to: ['b@example.com'], subject: 's', text: 't' };

  it('accepts display names and keeps the time of sending', async () => {
    const clock = new ManualClock(new Date('2024-07-04T00:00:00Z'));
    const mailer = new MemoryMailer({ clock });
    await mailer.send({ ...base, from: 'MyTravel Team <team@mytravel.example.com>', to: ['"Ada L." <ada@example.org>'] });
    expect(mailer.outbox[0]).toMatchObject({ from: 'MyTravel Team <team@mytravel.example.com>', sentAt: new Date('2024-07-04T00:00:00Z') });
  });

  it('refuses more recipients than SES allows, and addresses without a dotted domain', async () => {
    const mailer = new MemoryMailer();
    const many = Array.from({ length: 51 }, (_, i) => `r${i}@example.com`);
    await expectWordFreqError(mailer.send({ ...base, to: many }), 'BAD_INPUT', '51 recipients');
    await expectWordFreqError(mailer.send({ ...base, to: ['root@localhost'] }), 'BAD_INPUT', 'to[0]', 'root@localhost');
    await expectWordFreqError(mailer.send({ ...base, to: ['ok@example.com', 'x@-bad-.com'] }), 'BAD_INPUT', 'to[1]');
    await expectWordFreqError(mailer.send({ ...base, from: 'Name <a@example.com' }), 'BAD_INPUT', 'from');
    expect(mailer.outbox).toEqual([]);
  });

  it('gives each message its own id and a copy of the outbox', async () => {
    const mailer = new MemoryMailer();
    const first = await mailer.send(base);
    const second = await mailer.send(base);
    expect(first.messageId).not.toBe(second.messageId);
    const outbox = mailer.outbox as unknown[];
    outbox.length = 0;
    expect(mailer.outbox).toHaveLength(2);
  });
});
