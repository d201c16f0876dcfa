import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatBytes, formatBytesOf, formatCount, formatPercent, megabytesPerSecond } from './format.js';

describe('formatBytes', () => {
  it('uses decimal units with one decimal above a kilobyte', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(1_048_576)).toBe('1.0 MB');
    expect(formatBytes(120_500_000)).toBe('120.5 MB');
    expect(formatBytes(2.5e9)).toBe('2.5 GB');
  });
});

describe('formatBytesOf', () => {
  it("shows progress in the total's unit", () => {
    expect(formatBytesOf(3_200_000, 120_500_000)).toBe('3.2/120.5 MB');
    expect(formatBytesOf(12, 900)).toBe('12/900 B');
    expect(formatBytesOf(0, 1500)).toBe('0.0/1.5 kB');
  });
});

describe('formatCount', () => {
  it('groups thousands with commas', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect(formatCount(1234.5)).toBe('1,234.5');
  });

  it('reads back as the same integer once the commas are removed', () => {
    fc.assert(fc.property(fc.nat(), (n) => Number(formatCount(n).replaceAll(',', '')) === n));
  });
});

// formatDuration is @wordfreq/scaling's (one format for the demo and the simulator); its cases,
// these included, are in packages/scaling/src/format-duration.test.ts.
describe('rates', () => {
  it('computes MB/s and never divides by zero', () => {
    expect(megabytesPerSecond(10_000_000, 2000)).toBe(5);
    expect(megabytesPerSecond(10_000_000, 0)).toBe(0);
    expect(formatPercent(0.4567)).toBe('45.7%');
  });
});
