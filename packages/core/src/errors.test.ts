import { describe, expect, it, vi } from 'vitest';
import {
  BadInputError,
  BadMessageError,
  ConfigError,
  ConflictError,
  ErrorCodes,
  InternalError,
  NotFoundError,
  NotTextError,
  TooLargeError,
  TooManyWordsError,
  TransientError,
  WordFreqError,
  type ErrorCode,
  type WordFreqErrorOptions,
} from './errors.js';

type Construct = (message: string, options?: WordFreqErrorOptions) => WordFreqError;

// One way to construct each code, named by what it is; the table must list every code.
const constructors: Record<ErrorCode, { name: string; make: Construct }> = {
  NOT_FOUND: { name: 'NotFoundError', make: (m, o) => new NotFoundError(m, o) },
  NOT_TEXT: { name: 'NotTextError', make: (m, o) => new NotTextError(m, o) },
  TOO_LARGE: { name: 'TooLargeError', make: (m, o) => new TooLargeError(m, o) },
  TOO_MANY_WORDS: { name: 'TooManyWordsError', make: (m, o) => new TooManyWordsError(m, o) },
  BAD_MESSAGE: { name: 'BadMessageError', make: (m, o) => new BadMessageError(m, o) },
  BAD_INPUT: { name: 'BadInputError', make: (m, o) => new BadInputError(m, o) },
  TRANSIENT: { name: 'TransientError', make: (m, o) => new TransientError(m, o) },
  CONFLICT: { name: 'ConflictError', make: (m, o) => new ConflictError(m, o) },
  CONFIG: { name: 'ConfigError', make: (m, o) => new ConfigError(m, o) },
  INTERNAL: { name: 'InternalError', make: (m, o) => new InternalError(m, o) },
};

describe('error classes', () => {
  it('has a class for every code of ErrorCodes', () => {
    expect(Object.keys(constructors).sort()).toEqual([...ErrorCodes].sort());
  });

  for (const code of ErrorCodes) {
    const { name, make } = constructors[code];

    it(`${name}: code ${code} as a field, name set, message as given without the code in front`, () => {
      const error = make('uploads/cat.jpg has a NUL byte at offset 12; only text files are counted');
      expect(error).toBeInstanceOf(WordFreqError);
      expect(error).toBeInstanceOf(Error);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
      expect(error.message).toBe('uploads/cat.jpg has a NUL byte at offset 12; only text files are counted');
      expect(String(error)).toBe(`${name}: uploads/cat.jpg has a NUL byte at offset 12; only text files are counted`);
      expect(WordFreqError.isInstance(error)).toBe(true);
      expect(WordFreqError.hasCode(error, code)).toBe(true);
      expect(WordFreqError.hasCode(error, ...ErrorCodes.filter((other) => other !== code))).toBe(false);
    });

    it(`${name}: passes the cause through, and has none when none is given`, () => {
      const cause = new Error('NoSuchKey');
      expect(make('b/k is missing', { cause }).cause).toBe(cause);
      expect('cause' in make('b/k is missing')).toBe(false);
    });
  }

  it('ConfigError keeps its problems, one string or a list, and joins them in the message', () => {
    const many = new ConfigError(['AWS_REGION is required', 'WORDFREQ_BUCKET is bad']);
    expect(many.problems).toEqual(['AWS_REGION is required', 'WORDFREQ_BUCKET is bad']);
    expect(many.message).toBe('AWS_REGION is required; WORDFREQ_BUCKET is bad');
    const one = new ConfigError('bucket name "x" is taken by another AWS account (names are global); choose another');
    expect(one.problems).toEqual(['bucket name "x" is taken by another AWS account (names are global); choose another']);
  });

  it('the base class still takes any code, for callers that only have a code at hand', () => {
    const error = new WordFreqError('NOT_TEXT', 'binary file');
    expect([error.code, error.name, error.message]).toEqual(['NOT_TEXT', 'WordFreqError', 'binary file']);
  });

  it('isInstance and hasCode recognise errors from another copy of the module, where instanceof does not', async () => {
    vi.resetModules();
    const copy = await import('./errors.js');
    expect(copy.WordFreqError).not.toBe(WordFreqError);

    const foreign = new copy.NotTextError('binary file', { cause: 'x' });
    expect(foreign instanceof WordFreqError).toBe(false);
    expect(WordFreqError.isInstance(foreign)).toBe(true);
    expect(WordFreqError.hasCode(foreign, 'NOT_TEXT')).toBe(true);
    expect(copy.WordFreqError.isInstance(new TooLargeError('too big'))).toBe(true);
  });

  it('isInstance refuses plain errors and non-errors', () => {
    for (const value of [new Error('NOT_TEXT: binary'), { code: 'NOT_TEXT', message: 'binary' }, 'NOT_TEXT', null, undefined, 42]) {
      expect(WordFreqError.isInstance(value)).toBe(false);
    }
  });
});
