import type { CountOptions, Preset } from '@wordfreq/core';
import { integerFlag, parseCommandArgs } from '../args.js';
import { UsageError } from '../usage-error.js';

export interface CountArgs {
  readonly files: readonly string[];
  readonly options: CountOptions & { readonly top: number };
  readonly json: boolean;
  /** undefined: chosen by file size. */
  readonly threads: number | undefined;
}

const presetNames: readonly Preset[] = ['unicode', 'classic'];

/** The flags of the word rules and output, shared by `count` and `corpus`. */
export const countFlags = {
  preset: { type: 'string' },
  top: { type: 'string' },
  'min-length': { type: 'string' },
  'stop-words': { type: 'string' },
  json: { type: 'boolean' },
  threads: { type: 'string' },
} as const;

/** Parses `wordfreq count` arguments; every problem is a one-line UsageError naming the flag. */
export function parseCountArgs(argv: readonly string[]): CountArgs {
  const { values, positionals } = parseCommandArgs('count', argv, countFlags);
  return { files: positionals, ...countFlagValues(values) };
}

interface CountFlagValues {
  readonly preset?: string;
  readonly top?: string;
  readonly 'min-length'?: string;
  readonly 'stop-words'?: string;
  readonly json?: boolean;
  readonly threads?: string;
}

/** The checked values of `countFlags`. */
export function countFlagValues(values: CountFlagValues): Omit<CountArgs, 'files'> {
  const preset = values.preset ?? 'unicode';
  if (!presetNames.includes(preset as Preset)) throw new UsageError(`--preset must be one of ${presetNames.join(', ')}, got '${preset}'`);
  const stopWords = values['stop-words'];
  if (stopWords !== undefined && stopWords !== 'en') {
    throw new UsageError(`--stop-words supports only 'en' (the shipped English list), got '${stopWords}'`);
  }
  return {
    options: {
      preset: preset as Preset,
      top: integerFlag('top', values.top, 10, 1, 1_000_000),
      minLength: integerFlag('min-length', values['min-length'], 0, 0, 1_000_000),
      ...(stopWords === 'en' ? { stopWords } : {}),
    },
    json: values.json === true,
    threads: values.threads === undefined ? undefined : integerFlag('threads', values.threads, 1, 1, 64),
  };
}
