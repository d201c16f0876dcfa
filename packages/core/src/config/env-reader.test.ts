import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, WordFreqError } from '../errors.js';
import { EnvReader, type Env } from './env-reader.js';

/** The problems `read` records on `env`, for one-variable checks. */
function problemsOf(env: Env, read: (reader: EnvReader) => unknown): readonly string[] {
  const reader = new EnvReader(env);
  read(reader);
  return reader.problems;
}

describe('EnvReader', () => {
  it('treats unset and blank values alike, and trims the rest', () => {
    const read = new EnvReader({ A: '  x ', B: '', C: ' \t' });
    expect([read.raw('A'), read.raw('B'), read.raw('C'), read.raw('D')]).toEqual(['x', undefined, undefined, undefined]);
    expect(read.integer('B', 7, 1, 10)).toBe(7);
    expect(read.problems).toEqual([]);
  });

  it('collects every problem and throws them together in one ConfigError', () => {
    const read = new EnvReader({ COUNT: 'many', LEVEL: 'loud' });
    expect(read.required('QUEUE', 'the jobs queue URL')).toBeUndefined();
    expect(read.integer('COUNT', 4, 1, 10)).toBe(4);
    expect(read.oneOf('LEVEL', ['debug', 'info'], 'info')).toBe('info');
    let thrown: unknown;
    try {
      read.throwIfProblems();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      'QUEUE is required: set it to the jobs queue URL',
      "COUNT must be a whole number from 1 to 10, got 'many'",
      "LEVEL must be one of debug, info, got 'loud'",
    ]);
    expect(() => new EnvReader({}).throwIfProblems()).not.toThrow();
  });

  it('keeps the problems of a nested reader that throws ConfigError, and rethrows other errors', () => {
    const read = new EnvReader({});
    expect(read.collect(() => { throw new ConfigError(['AWS_REGION is required', 'WORDFREQ_BUCKET is bad']); })).toBeUndefined();
    expect(read.collect(() => { throw new WordFreqError('CONFIG', 'one more'); })).toBeUndefined();
    expect(read.collect(() => 42)).toBe(42);
    expect(read.problems).toEqual(['AWS_REGION is required', 'WORDFREQ_BUCKET is bad', 'one more']);
    expect(() => read.collect(() => { throw new TypeError('a bug'); })).toThrow('a bug');
  });

  it('accepts every whole number in range and names the range for any other', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 200 }), (n) => {
        const read = new EnvReader({ N: String(n) });
        const value = read.integer('N', 5, 1, 100);
        if (n >= 1 && n <= 100) expect([value, read.problems]).toEqual([n, []]);
        else expect([value, read.problems]).toEqual([5, [n < 0 ? `N must be a whole number from 1 to 100, got '${n}'` : `N must be from 1 to 100, got ${n}`]]);
      }),
    );
    expect(problemsOf({}, (r) => r.integer('--port', 0, 0, 65_535, 'http'))).toEqual(["--port must be a whole number from 0 to 65535, got 'http'"]);
  });

  it('reads seconds with fractions as milliseconds, with an optional floor above zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_600_000 }), (ms) => {
        const seconds = (ms / 1000).toString();
        expect(new EnvReader({ S: seconds }).secondsAsMs('S', -1, 3600)).toBe(ms);
      }),
    );
    expect(problemsOf({ S: '-1' }, (r) => r.secondsAsMs('S', 0, 900))).toEqual(["S must be a number of seconds from 0 to 900 (fractions allowed), got '-1'"]);
    expect(problemsOf({ S: '901' }, (r) => r.secondsAsMs('S', 0, 900))).toHaveLength(1);
    expect(problemsOf({ S: '0' }, (r) => r.secondsAsMs('S', 1000, 60, { positive: true }))).toEqual([
      "S must be a number of seconds more than 0 to 60 (fractions allowed), got '0'",
    ]);
    expect(new EnvReader({ S: '0.5' }).secondsAsMs('S', 1000, 60, { positive: true })).toBe(500);
  });

  it('reads sizes with binary suffixes and refuses zero, junk and sizes past 8 PiB', () => {
    const size = (value: string) => new EnvReader({ B: value }).bytes('B', -1);
    expect([size('1048576'), size('512k'), size('512KiB'), size('2m'), size('1GiB'), size('3 MB')]).toEqual([
      1048576, 512 * 1024, 512 * 1024, 2 * 1024 ** 2, 1024 ** 3, 3 * 1024 ** 2,
    ]);
    for (const bad of ['0', 'lots', '1T', '-5', '1.5MiB']) {
      expect(problemsOf({ B: bad }, (r) => r.bytes('B', 1))).toEqual([`B must be a positive size in bytes such as 1048576, 512KiB or 64MiB, got '${bad}'`]);
    }
    expect(problemsOf({ B: '9999999999G' }, (r) => r.bytes('B', 1))).toEqual(["B is too large: sizes must stay below 8 PiB, got '9999999999G'"]);
  });

  it('matches choices in any case', () => {
    expect(new EnvReader({ L: 'DEBUG' }).oneOf('L', ['debug', 'info'], 'info')).toBe('debug');
  });

  it('accepts http(s) URLs only, saying what was expected', () => {
    const read = new EnvReader({});
    expect(read.httpUrl('Q', 'http://127.0.0.1:9324/000000000000/jobs', 'a queue URL')).toBe('http://127.0.0.1:9324/000000000000/jobs');
    expect(read.httpUrl('Q', undefined, 'a queue URL')).toBeUndefined();
    expect(read.httpUrl('Q', 'ftp://x/y', 'a queue URL like https://sqs.example/1/jobs')).toBeUndefined();
    expect(read.httpUrl('Q', 'jobs', 'a queue URL')).toBeUndefined();
    expect(read.problems).toEqual(["Q must be a queue URL like https://sqs.example/1/jobs, got 'ftp://x/y'", "Q must be a queue URL, got 'jobs'"]);
  });

  it('reads lists: sorted unique positive numbers, and addresses', () => {
    const read = new EnvReader({ M: '1_000_000, 500000,1000000', TO: 'ana@example.org, rui@example.org' });
    expect(read.positiveIntegers('M', 'thresholds')).toEqual([500_000, 1_000_000]);
    expect(read.emails('TO', 'recipients')).toEqual(['ana@example.org', 'rui@example.org']);
    expect(read.problems).toEqual([]);
    expect(problemsOf({ M: '0,abc' }, (r) => r.positiveIntegers('M', 'thresholds'))).toEqual([
      "M must be a comma-separated list of positive whole numbers such as 1000000, got '0,abc'",
    ]);
    expect(problemsOf({ TO: 'ok@example.org, not-an-address' }, (r) => r.emails('TO', 'recipients'))).toEqual([
      "TO must be email addresses separated by commas, got 'not-an-address'",
    ]);
    expect(problemsOf({}, (r) => r.emails('TO', 'the recipients'))).toEqual(['TO is required: set it to the recipients']);
  });
});
