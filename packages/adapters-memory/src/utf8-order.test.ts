import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUtf8 } from './utf8-order.js';

describe('compareUtf8', () => {
  it('orders like the strings’ UTF-8 bytes (S3 key order)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
  });

  it('puts astral characters after U+FFxx, unlike JavaScript string order', () => {
    expect(compareUtf8('\u{1F600}', '\uFF01')).toBe(1);
    expect('\u{1F600}' < '\uFF01').toBe(true);
  });
});
