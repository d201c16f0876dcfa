import { badInput } from './bad-input.js';

// Dot-atom local part and an ASCII (punycode) domain of at least two labels: what SES accepts without
// SMTPUTF8. Display names are allowed in the `Name <addr@example.com>` form.
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const localPart = `${atom}(?:\\.${atom})*`;
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const addrSpec = new RegExp(`^${localPart}@${label}(?:\\.${label})+$`);
const withDisplayName = /^(?<name>[^<>]*)<(?<addr>[^<>]+)>$/;

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
