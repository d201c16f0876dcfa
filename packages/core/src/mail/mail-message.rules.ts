import { BadInputError } from '../errors.js';
import type { MailMessage } from '../ports/mailer.port.js';

/** SES's per-message recipient limit; the memory mailer keeps it too, so tests meet it first. */
export const maxMailRecipients = 50;

// Dot-atom local part and an ASCII (punycode) domain of at least two labels: what SES accepts without
// SMTPUTF8. Display names are allowed in the `Name <addr@example.com>` form.
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const localPart = `${atom}(?:\\.${atom})*`;
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const addrSpec = new RegExp(`^${localPart}@${label}(?:\\.${label})+$`);
const withDisplayName = /^(?<name>[^<>]*)<(?<addr>[^<>]+)>$/;

const badInput = (message: string) => new BadInputError(message);

/** Throws `BAD_INPUT` naming the field unless `value` is one address SES would accept. */
export function validateMailAddress(value: string, field: string): void {
  if (typeof value !== 'string') throw badInput(`mail ${field} must be a string, got ${typeof value}`);
  rejectLineBreaks(value, field);
  const named = withDisplayName.exec(value.trim());
  const address = named?.groups?.addr?.trim() ?? value.trim();
  if (address.length > 320 || !addrSpec.test(address)) {
    throw badInput(
      `mail ${field} "${value}" is not a valid email address; use local@example.com or "Name <local@example.com>" (ASCII; punycode for international domains)`,
    );
  }
}

/** Header injection guard: a CR or LF would start a new header line. */
export function rejectLineBreaks(value: string, field: string): void {
  const index = value.search(/[\r\n]/);
  if (index >= 0) throw badInput(`mail ${field} contains a line break (CR or LF) at index ${index}; header fields must be one line`);
}

/**
 * Throws `BAD_INPUT` naming the first field SES would refuse, before any request is made: every
 * address checked, 1 to 50 recipients, string bodies, and no CR or LF in a header field (from, to,
 * subject), so nothing a caller passes can add a header.
 */
export function validateMailMessage(message: MailMessage): void {
  validateMailAddress(message.from, 'from');
  if (!Array.isArray(message.to) || message.to.length === 0) throw badInput('mail needs at least one recipient in to');
  if (message.to.length > maxMailRecipients) {
    throw badInput(`mail has ${message.to.length} recipients; SES allows ${maxMailRecipients} per message`);
  }
  message.to.forEach((address, index) => validateMailAddress(address, `to[${index}]`));
  if (typeof message.subject !== 'string') throw badInput('mail subject must be a string');
  rejectLineBreaks(message.subject, 'subject');
  if (typeof message.text !== 'string') throw badInput('mail text body must be a string');
  if (message.html !== undefined && typeof message.html !== 'string') throw badInput('mail html body must be a string');
}
