import { UsageError } from '../usage-error.js';

const units: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** A size flag: whole bytes, or a whole number with K, M or G (powers of 1024); undefined when absent. */
export function sizeFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d+)\s*([KMG]?)(?:i?B)?$/i.exec(raw.trim());
  const value = match ? Number(match[1]) * units[match[2].toUpperCase()] : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`--${name} must be a size such as 65536, 64K, 128M or 1G, got '${raw}'`);
  return value;
}
