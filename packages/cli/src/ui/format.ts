/**
 * Number formatting for humans. Sizes use decimal units (1 MB = 1,000,000 bytes) because the load
 * test's "about 1 MB per file" and throughput in MB/s are decimal figures.
 */
const sizeUnits = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** The largest unit in which `bytes` is at least 1, and its size. */
function sizeUnit(bytes: number): { unit: number; scale: number } {
  let unit = 0;
  let scale = 1;
  while (Math.abs(bytes) / scale >= 1000 && unit < sizeUnits.length - 1) {
    scale *= 1000;
    unit += 1;
  }
  return { unit, scale };
}

export function formatBytes(bytes: number): string {
  const { unit, scale } = sizeUnit(bytes);
  return unit === 0 ? `${bytes} B` : `${(bytes / scale).toFixed(1)} ${sizeUnits[unit]}`;
}

/** `done/total` both in the total's unit ("3.2/120.5 MB"), so a growing figure does not change units. */
export function formatBytesOf(done: number, total: number): string {
  const { unit, scale } = sizeUnit(total);
  const digits = unit === 0 ? 0 : 1;
  return `${(done / scale).toFixed(digits)}/${(total / scale).toFixed(digits)} ${sizeUnits[unit]}`;
}

/** Thousands separated with commas whatever the locale (the core's `groupDigits`, as in the milestone mail). */
export { groupDigits as formatCount } from '@wordfreq/core';

/** Megabytes (decimal) per second; 0 when no time passed rather than Infinity. */
export function megabytesPerSecond(bytes: number, ms: number): number {
  return ms > 0 ? bytes / 1e6 / (ms / 1000) : 0;
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
