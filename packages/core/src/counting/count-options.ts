import { BadInputError } from '../errors.js';
import { englishStopWords } from './stop-words.en.js';
import { defaultMaxWordBytes } from '../config/job-defaults.js';

/** `unicode`: letters, marks and digits with inner apostrophes. `classic`: the Go sample's rules. */
export type Preset = 'unicode' | 'classic';

export const presets: readonly Preset[] = ['unicode', 'classic'];

export interface CountOptions {
  readonly preset?: Preset;
  /** Drop words shorter than this many code points. */
  readonly minLength?: number;
  /** Words to drop, compared after case folding; `'en'` is the shipped English list. */
  readonly stopWords?: 'en' | Iterable<string>;
  /** How many top words to report (default 10). */
  readonly top?: number;
  /**
   * Longest word counted, in UTF-8 bytes after case folding (default 256); longer tokens are skipped,
   * not truncated: a truncated token would merge with real words sharing its first bytes.
   */
  readonly maxWordBytes?: number;
}

/** Options checked once and filled with defaults, so the hot loops never re-check them. */
export interface ResolvedCountOptions {
  readonly preset: Preset;
  readonly minLength: number;
  /** Already case folded; empty when no stop words were asked for. */
  readonly stopWords: ReadonlySet<string>;
  readonly top: number;
  readonly maxWordBytes: number;
}

export const defaultTop = 10;

/**
 * Case folding shared by both presets and by stop-word lists: `toLowerCase`, then NFC when not ASCII,
 * so "Café" and "cafe\u0301" are one word.
 */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFC');
}

function badInput(message: string): BadInputError {
  return new BadInputError(message);
}

/** Validates `options` and fills in defaults; bad values throw BadInputError (code BAD_INPUT). */
export function resolveCountOptions(options: CountOptions = {}): ResolvedCountOptions {
  if (typeof options !== 'object' || options === null) throw badInput(`count options must be an object, got ${String(options)}`);
  const preset = options.preset ?? 'unicode';
  if (!presets.includes(preset)) {
    throw badInput(`unknown preset '${String(preset)}'; use one of: ${presets.join(', ')}`);
  }
  const minLength = options.minLength ?? 0;
  if (typeof minLength !== 'number' || !Number.isInteger(minLength) || minLength < 0) {
    throw badInput(`minLength must be a whole number of code points >= 0, got ${String(minLength)}`);
  }
  const top = options.top ?? defaultTop;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 1) {
    throw badInput(`top must be a whole number >= 1, got ${String(top)}`);
  }
  const maxWordBytes = options.maxWordBytes ?? defaultMaxWordBytes;
  if (typeof maxWordBytes !== 'number' || !Number.isInteger(maxWordBytes) || maxWordBytes < 1) {
    throw badInput(`maxWordBytes must be a whole number of bytes >= 1, got ${String(maxWordBytes)}`);
  }
  return { preset, minLength, top, maxWordBytes, stopWords: resolveStopWords(options.stopWords) };
}

function resolveStopWords(stopWords: CountOptions['stopWords']): ReadonlySet<string> {
  if (stopWords === undefined) return new Set();
  if (stopWords === 'en') return englishStopWords;
  if (typeof stopWords === 'string' || typeof (stopWords as Iterable<string>)[Symbol.iterator] !== 'function') {
    throw badInput(`stopWords must be 'en' or a list of words, got ${JSON.stringify(stopWords)}`);
  }
  const folded = new Set<string>();
  for (const word of stopWords) {
    if (typeof word !== 'string') throw badInput(`stopWords must contain only strings, got ${JSON.stringify(word)}`);
    folded.add(foldWord(word));
  }
  return folded;
}
