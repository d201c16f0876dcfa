import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownMessage } from '../errors.test-support.js';
import type { MailMessage } from '../ports/mailer.port.js';
import { maxMailRecipients, rejectLineBreaks, validateMailAddress, validateMailMessage } from './mail-message.rules.js';

const reason = (run: () => void) => thrownMessage('BAD_INPUT', run);

const message = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  from: 'team@mytravel.example.com',
  to: ['ada@example.org'],
  subject: 'Congratulations',
  text: 'One million visits.',
  ...overrides,
});

// Dot-atoms and ASCII domains of two or more labels: the shape SES accepts without SMTPUTF8.
const atom = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,12}$/);
const label = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9-]{0,10}[A-Za-z0-9])?$/);
const address = fc
  .tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.array(label, { minLength: 2, maxLength: 4 }))
  .map(([local, domain]) => `${local.join('.')}@${domain.join('.')}`);

describe('validateMailAddress', () => {
  it('accepts plain addresses and display-name forms', () => {
    for (const ok of ['a@example.com', 'first.last+tag@mail.example.co.uk', 'MyTravel Team <team@mytravel.example.com>', '"Ada L." <ada@example.org>']) {
      expect(() => validateMailAddress(ok, 'to[0]')).not.toThrow();
    }
  });

  it('accepts every dot-atom address on a dotted ASCII domain, bare or with a display name', () => {
    fc.assert(
      fc.property(address, fc.stringMatching(/^[A-Za-z .]{0,20}$/), (addr, name) => {
        validateMailAddress(addr, 'from');
        validateMailAddress(`${name} <${addr}>`, 'from');
      }),
    );
  });

  it('rejects malformed addresses, naming the field and the value', () => {
    for (const bad of ['root@localhost', 'x@-bad-.com', 'no-at-sign.example.com', 'two@@example.com', 'spaces in@example.com', 'Name <a@example.com', '.dot@example.com']) {
      const text = reason(() => validateMailAddress(bad, 'to[1]'));
      expect(text).toContain('to[1]');
      expect(text).toContain(bad);
    }
    expect(reason(() => validateMailAddress(`${'a'.repeat(310)}@example.com`, 'from'))).toContain('not a valid email address');
    expect(reason(() => validateMailAddress(42 as unknown as string, 'from'))).toContain('mail from must be a string, got number');
  });
});

describe('rejectLineBreaks', () => {
  it('rejects any value with a CR or LF and says where it is', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('\r', '\n', '\r\n'), fc.string(), (before, brk, after) => {
        const clean = before.replace(/[\r\n]/g, '');
        const text = reason(() => rejectLineBreaks(`${clean}${brk}${after}`, 'subject'));
        expect(text).toContain(`subject contains a line break (CR or LF) at index ${clean.length}`);
      }),
    );
  });

  it('lets one-line values through', () => {
    fc.assert(fc.property(fc.string(), (value) => rejectLineBreaks(value.replace(/[\r\n]/g, ' '), 'subject')));
  });
});

describe('validateMailMessage', () => {
  it('accepts a well-formed message with text and optional HTML', () => {
    expect(() => validateMailMessage(message())).not.toThrow();
    expect(() => validateMailMessage(message({ html: '<p>One million</p>', to: Array.from({ length: maxMailRecipients }, (_, i) => `r${i}@example.com`) }))).not.toThrow();
  });

  it('names the first field SES would refuse', () => {
    const many = Array.from({ length: maxMailRecipients + 1 }, (_, i) => `r${i}@example.com`);
    expect(reason(() => validateMailMessage(message({ to: many })))).toContain(`${maxMailRecipients + 1} recipients; SES allows ${maxMailRecipients}`);
    expect(reason(() => validateMailMessage(message({ to: [] })))).toContain('at least one recipient');
    expect(reason(() => validateMailMessage(message({ to: ['ok@example.com', 'root@localhost'] })))).toContain('to[1]');
    expect(reason(() => validateMailMessage(message({ from: 'team@mytravel.example.com\nBcc: victim@example.com' })))).toContain('mail from contains a line break');
    expect(reason(() => validateMailMessage(message({ subject: 'Hello\r\nBcc: victim@example.com' })))).toContain('mail subject contains a line break');
    expect(reason(() => validateMailMessage(message({ subject: 7 as unknown as string })))).toContain('mail subject must be a string');
    expect(reason(() => validateMailMessage(message({ text: undefined as unknown as string })))).toContain('mail text body must be a string');
    expect(reason(() => validateMailMessage(message({ html: 1 as unknown as string })))).toContain('mail html body must be a string');
  });
});
