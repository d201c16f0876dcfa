import { describe, expect, it } from 'vitest';
import { thrownMessage } from '../errors.test-support.js';
import { validatePageId } from './page-id.js';

const reason = (page: unknown) => thrownMessage('BAD_INPUT', () => validatePageId(page as string));

describe('validatePageId', () => {
  it('accepts ordinary ids and returns them NFC-normalised', () => {
    expect(validatePageId('/forum/lisbon')).toBe('/forum/lisbon');
    expect(validatePageId('/caf\u0065\u0301')).toBe('/caf\u00e9');
    expect(validatePageId('🏖 beach day')).toBe('🏖 beach day');
    expect(validatePageId('x'.repeat(256))).toHaveLength(256);
    expect(validatePageId('😀'.repeat(256))).toHaveLength(512);
  });

  it.each([
    ['', 'page id is empty'],
    ['x'.repeat(257), 'page id is 257 characters long; the limit is 256'],
    ['/a\nb', 'forbidden character U+000A at index 2'],
    ['/a\u0000', 'forbidden character U+0000 at index 2'],
    ['/a\u2028', 'forbidden character U+2028'],
    ['/a\ud800', 'forbidden character U+D800'],
    ['/a\u200bb', 'invisible format character U+200B at index 2'],
    ['/\u202egnp.exe', 'invisible format character U+202E at index 1'],
    ['\ufeff/a', 'invisible format character U+FEFF at index 0'],
    [' /a', 'starts or ends with white space'],
    ['/a\u00a0', 'starts or ends with white space'],
    [42, 'page id must be a string, got number'],
  ])('rejects %j', (page, why) => {
    expect(reason(page)).toContain(why);
  });
});
