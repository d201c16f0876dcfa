import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { durationFlag } from './duration-flag.js';

describe('durationFlag', () => {
  it('reads seconds, minutes, hours and combinations', () => {
    expect(durationFlag('max-drain', '300')).toBe(300);
    expect(durationFlag('max-drain', '300s')).toBe(300);
    expect(durationFlag('max-drain', '5m')).toBe(300);
    expect(durationFlag('max-drain', '1.5m')).toBe(90);
    expect(durationFlag('max-drain', '1h30m')).toBe(5400);
    expect(durationFlag('max-drain', '2m30s')).toBe(150);
  });

  it('names the flag and the accepted forms when it cannot read a duration', () => {
    for (const bad of ['soon', '5 minutes', '5m5m', '30s2m', '0', '0m', '-5m', '', 'm']) {
      expect(() => durationFlag('max-drain', bad), bad).toThrow(UsageError);
      expect(() => durationFlag('max-drain', bad), bad).toThrow(/--max-drain must be a duration like 300, 300s, 5m or 1h30m/);
    }
  });

  it('agrees with the sum of its parts', () => {
    fc.assert(
      fc.property(fc.nat(5), fc.nat(59), fc.nat(59), (h, m, s) => {
        fc.pre(h + m + s > 0);
        const text = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
        expect(durationFlag('d', text)).toBe(h * 3600 + m * 60 + s);
      }),
    );
  });
});
