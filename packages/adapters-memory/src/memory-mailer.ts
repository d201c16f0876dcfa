import { randomUUID } from 'node:crypto';
import { systemClock, type Clock, type MailMessage, type Mailer } from '@wordfreq/core';
import { badInput } from './bad-input.js';
import { rejectLineBreaks, validateMailAddress } from './mail-address.js';

export interface SentMail extends MailMessage {
  readonly messageId: string;
  readonly sentAt: Date;
}

/** SES's per-message recipient limit. */
const maxRecipients = 50;

/**
 * An outbox instead of SES. It validates like the SES adapter (addresses, no CR/LF in headers,
 * recipient limit) so mistakes show up in tests, and keeps every accepted message in `outbox`.
 */
export class MemoryMailer implements Mailer {
  readonly #outbox: SentMail[] = [];
  readonly #clock: Clock;

  constructor(options: { readonly clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    validateMailAddress(message.from, 'from');
    if (!Array.isArray(message.to) || message.to.length === 0) throw badInput('mail needs at least one recipient in to');
    if (message.to.length > maxRecipients) {
      throw badInput(`mail has ${message.to.length} recipients; SES allows ${maxRecipients} per message`);
    }
    message.to.forEach((address, index) => validateMailAddress(address, `to[${index}]`));
    if (typeof message.subject !== 'string') throw badInput('mail subject must be a string');
    rejectLineBreaks(message.subject, 'subject');
    if (typeof message.text !== 'string') throw badInput('mail text body must be a string');
    if (message.html !== undefined && typeof message.html !== 'string') throw badInput('mail html body must be a string');

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
