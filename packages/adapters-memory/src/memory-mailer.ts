import { randomUUID } from 'node:crypto';
import { systemClock, validateMailMessage, type Clock, type MailMessage, type Mailer } from '@wordfreq/core';

export interface SentMail extends MailMessage {
  readonly messageId: string;
  readonly sentAt: Date;
}

/**
 * An outbox instead of SES. It validates with the SES adapter's rules (core's `validateMailMessage`:
 * addresses, no CR/LF in headers, recipient limit) so mistakes show up in tests, and keeps every
 * accepted message in `outbox`.
 */
export class MemoryMailer implements Mailer {
  readonly #outbox: SentMail[] = [];
  readonly #clock: Clock;

  constructor(options: { readonly clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    validateMailMessage(message);

    const messageId = randomUUID();
    this.#outbox.push({
      messageId,
      from: message.from,
      to: [...message.to],
      subject: message.subject,
      text: message.text,
      ...(message.html !== undefined ? { html: message.html } : {}),
      sentAt: this.#clock.now(),
    });
    return { messageId };
  }

  /** Every message accepted so far, oldest first. */
  get outbox(): readonly SentMail[] {
    return [...this.#outbox];
  }
}
