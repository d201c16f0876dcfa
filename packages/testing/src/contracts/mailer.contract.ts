import { describe, expect, it } from 'vitest';
import type { MailMessage, Mailer } from '@wordfreq/core';
import type { StoreContractOptions } from './counter-store.contract.js';
import { expectWordFreqError, freshFixturePerTest } from './contract-helpers.js';

/** A sent message as the fixture reads it back from wherever mail lands (an outbox, the SES emulator). */
export interface SentMailRecord {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

export interface MailerFixture {
  readonly mailer: Mailer;
  /** An address the service accepts as sender (SES: a verified identity). */
  readonly sender: string;
  /** Everything sent since the fixture was made, oldest first. */
  readSentMail(): Promise<SentMailRecord[]>;
  /**
   * The back-end keeps one body per message (moto: the HTML one when there is one), read back as
   * `text`: the test of text-and-HTML mail then checks that body only.
   */
  readonly keepsOneBody?: boolean;
  dispose(): Promise<void>;
}

/** Mailer behaviour: what is sent can be read back; bad addresses and header injection never leave. */
export function describeMailerContract(
  name: string,
  make: () => Promise<MailerFixture>,
  options: StoreContractOptions = {},
): void {
  describe(`Mailer contract: ${name}`, () => {
    let f: MailerFixture;
    freshFixturePerTest(make, (made) => (f = made), options);

    function message(overrides: Partial<MailMessage> = {}): MailMessage {
      return {
        from: f.sender,
        to: ['admin@mytravel.example.com'],
        subject: 'Félicitations : 1 000 000 visites 🎉',
        text: 'The forum just passed 1,000,000 visits.\nThank you!',
        ...overrides,
      };
    }

    it('sends a plain-text mail that can be read back', async () => {
      const { messageId } = await f.mailer.send(message());
      expect(messageId).toEqual(expect.any(String));
      expect(messageId.length).toBeGreaterThan(0);
      const sent = await f.readSentMail();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        from: f.sender,
        to: ['admin@mytravel.example.com'],
        subject: 'Félicitations : 1 000 000 visites 🎉',
        text: 'The forum just passed 1,000,000 visits.\nThank you!',
      });
      expect(sent[0].html).toBeUndefined();
    });

    it('sends text and HTML bodies to several recipients', async () => {
      await f.mailer.send(message({ to: ['a@mytravel.example.com', 'b@mytravel.example.com'], html: '<p>1,000,000 visits</p>' }));
      const [sent] = await f.readSentMail();
      if (f.keepsOneBody === true) {
        expect(sent).toMatchObject({ to: ['a@mytravel.example.com', 'b@mytravel.example.com'], text: '<p>1,000,000 visits</p>' });
        return;
      }
      expect(sent).toMatchObject({ to: ['a@mytravel.example.com', 'b@mytravel.example.com'], html: '<p>1,000,000 visits</p>' });
      expect(sent.text).toContain('1,000,000');
    });

    it('rejects invalid addresses with BAD_INPUT and sends nothing', async () => {
      await expectWordFreqError(f.mailer.send(message({ to: ['no-at-sign.example.com'] })), 'BAD_INPUT', 'no-at-sign.example.com');
      await expectWordFreqError(f.mailer.send(message({ to: ['two@@example.com'] })), 'BAD_INPUT', 'two@@example.com');
      await expectWordFreqError(f.mailer.send(message({ from: 'spaces in@example.com' })), 'BAD_INPUT', 'spaces in@example.com');
      await expectWordFreqError(f.mailer.send(message({ to: [] })), 'BAD_INPUT');
      expect(await f.readSentMail()).toEqual([]);
    });

    it('rejects CR or LF in header fields with BAD_INPUT and sends nothing', async () => {
      await expectWordFreqError(f.mailer.send(message({ subject: 'Hello\r\nBcc: victim@example.com' })), 'BAD_INPUT', 'subject');
      await expectWordFreqError(f.mailer.send(message({ subject: 'Hello\nBcc: victim@example.com' })), 'BAD_INPUT', 'subject');
      await expectWordFreqError(f.mailer.send(message({ from: `${f.sender}\nBcc: victim@example.com` })), 'BAD_INPUT', 'from');
      await expectWordFreqError(f.mailer.send(message({ to: ['admin@mytravel.example.com\rX-Injected: yes'] })), 'BAD_INPUT', 'to');
      expect(await f.readSentMail()).toEqual([]);
    });
  });
}
