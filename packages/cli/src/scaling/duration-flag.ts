import { UsageError } from '../usage-error.js';

const unitSeconds: Record<string, number> = { h: 3600, m: 60, s: 1 };

/** Parses "300", "300s", "5m", "1.5m", "1h30m" or "2m30s" into seconds, naming the flag when it cannot. */
export function durationFlag(name: string, raw: string): number {
  const text = raw.trim().toLowerCase();
  const bad = () => new UsageError(`--${name} must be a duration like 300, 300s, 5m or 1h30m, got '${raw}'`);
  if (/^\d+(\.\d+)?$/.test(text)) return positive(Number(text), bad);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)([hms])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw bad();
  const units = parts.map((p) => p[2]);
  if (new Set(units).size !== units.length || units.join('') !== [...units].sort((a, b) => unitSeconds[b] - unitSeconds[a]).join('')) throw bad();
  return positive(
    parts.reduce((sum, [, value, unit]) => sum + Number(value) * unitSeconds[unit], 0),
    bad,
  );
}

function positive(seconds: number, bad: () => UsageError): number {
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw bad();
  return seconds;
}
