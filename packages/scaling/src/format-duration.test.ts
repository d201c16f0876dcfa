import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.js';

describe('formatDuration', () => {
  it('picks a unit by magnitude', () => {
    // The demo's figures (it measured 12.4 ms, 1.5 s and 125 s).
    expect(formatDuration(0.0124)).toBe('12ms');
    expect(formatDuration(1.5)).toBe('1.50s');
    expect(formatDuration(125)).toBe('2m 05s');
    // The simulator's figures: whole seconds from a minute on.
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(760)).toBe('12m 40s');
    expect(formatDuration(820.4)).toBe('13m 40s');
    expect(formatDuration(7500)).toBe('2h 05m');
    expect(formatDuration(0)).toBe('0s');
  });

  it('says never for a run that never ends, and keeps the sign of a negative difference', () => {
    expect(formatDuration(Infinity)).toBe('never');
    expect(formatDuration(Number.NaN)).toBe('never');
    expect(formatDuration(-3.5)).toBe('-3.50s');
  });

  it('does not round a value under a minute up into "60.00s"', () => {
    expect(formatDuration(59.999)).toBe('1m 00s');
    expect(formatDuration(0.9996)).toBe('1s');
  });

  it('reads back within its precision', () => {
    const parse = (text: string) => {
      const m = /^(?:(\d+)h )?(?:(\d+)m ?)?(?:([\d.]+)s)?(?:(\d+)ms)?$/.exec(text);
      if (!m) throw new Error(`unreadable: ${text}`);
      return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0) / 1000;
    };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100_000, noNaN: true }), (seconds) => {
        const precision = seconds < 1 ? 0.0005 : seconds < 60 ? 0.005 : seconds < 3600 ? 0.5 : 60;
        expect(Math.abs(parse(formatDuration(seconds)) - seconds)).toBeLessThanOrEqual(precision + 1e-9);
      }),
    );
  });
});
