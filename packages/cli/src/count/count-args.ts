import { parseArgs } from 'node:util';
import type { CountOptions, Preset } from '@wordfreq/core';
import { UsageError } from '../usage-error.js';

// Parsed here rather than through ../args.ts: its parseCommandArgs has an inferred return type that
// breaks tsup's declaration build once a command importing it is reachable from bin.ts.

export interface CountArgs {
  readonly files: readonly string[];
  readonly options: CountOptions & { readonly top: number };
  readonly json: boolean;
  /** undefined: chosen by file size. */
  readonly threads: number | undefined;
}

const presetNames: readonly Preset[] = ['unicode', 'classic'];

/** Parses `wordfreq count` arguments; every problem is a one-line UsageError naming the flag. */
export function parseCountArgs(argv: readonly string[]): CountArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        preset: { type: 'string' },
        top: { type: 'string' },
        'min-length': { type: 'string' },
        'stop-words': { type: 'string' },
        json: { type: 'boolean' },
        threads: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`count: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  const preset = values.preset ?? 'unicode';
  if (!presetNames.includes(preset as Preset)) throw new UsageError(`--preset must be one of ${presetNames.join(', ')}, got '${preset}'`);
  const stopWords = values['stop-words'];
  if (stopWords !== undefined && stopWords !== 'en') {
    throw new UsageError(`--stop-words supports only 'en' (the shipped English list), got '${stopWords}'`);
  }
  return {
    files: positionals,
    options: {
      preset: preset as Preset,
      top: wholeNumber('top', values.top, 10, 1),
      minLength: wholeNumber('min-length', values['min-length'], 0, 0),
      ...(stopWords === 'en' ? { stopWords } : {}),
    },
    json: values.json ?? false,
    threads: values.threads === undefined ? undefined : wholeNumber('threads', values.threads, 1, 1, 64),
  };
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max = 1_000_000): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}
