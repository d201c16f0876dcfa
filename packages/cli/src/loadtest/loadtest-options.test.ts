import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { loadtestDefaults, parseLoadtestArgs, secondsRange } from './loadtest-options.js';

const usageMessage = (argv: string[]) => {
  try {
    parseLoadtestArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
};

describe('parseLoadtestArgs', () => {
  it('takes the defaults with --local alone', () => {
    expect(parseLoadtestArgs(['--local'])).toEqual({ options: loadtestDefaults, json: false });
  });

  it('reads every flag', () => {
    const parsed = parseLoadtestArgs([
      '--local', '--policy', 'target', '--files', '12', '--job-seconds', '0.5-2', '--period', '2.5', '--cooldown', '4',
      '--max', '4', '--target', '3', '--file-kb', '8', '--seed', '9', '--json', '--svg', 'out.svg',
    ]);
    expect(parsed).toEqual({
      options: {
        policy: 'target',
        files: 12,
        jobSeconds: { min: 0.5, max: 2 },
        periodSeconds: 2.5,
        cooldownSeconds: 4,
        maxWorkers: 4,
        targetBacklog: 3,
        bytesPerFile: 8 * 1024,
        seed: 9,
      },
      json: true,
      svg: 'out.svg',
    });
  });

  it('refuses to run without --local, saying why', () => {
    expect(usageMessage([])).toMatch(/needs --local.*emulated AWS/);
  });

  it('names the flag in every mistake', () => {
    expect(usageMessage(['--local', '--policy', 'lambda'])).toBe("--policy must be one of step, target, got 'lambda'");
    expect(usageMessage(['--local', '--files', '0'])).toMatch(/^--files must be between 1 and 1000/);
    expect(usageMessage(['--local', '--job-seconds', '3-1'])).toMatch(/^--job-seconds: the range must go from low to high, got 3-1/);
    expect(usageMessage(['--local', '--job-seconds', 'soon'])).toMatch(/^--job-seconds must be seconds or a range/);
    expect(usageMessage(['--local', '--period', '0.1'])).toMatch(/^--period must be between 0.5 and 600 seconds, got 0.1/);
    expect(usageMessage(['--local', '--cooldown', '-1'])).toMatch(/--cooldown/);
    expect(usageMessage(['--local', '--max', '11'])).toMatch(/^--max must be between 1 and 10/);
    expect(usageMessage(['--local', '--svg', ' '])).toMatch(/^--svg needs a file name/);
    expect(usageMessage(['--local', 'extra'])).toBe("loadtest takes no arguments, got 'extra'");
    expect(usageMessage(['--local', '--bogus'])).toMatch(/^loadtest: Unknown option '--bogus'/);
  });
});

describe('secondsRange', () => {
  it('reads "A-B" and "A" back as the numbers written', () => {
    const hundredths = fc.integer({ min: 0, max: 6000 }).map((n) => n / 100);
    fc.assert(
      fc.property(hundredths, hundredths, fc.boolean(), (a, b, single) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const text = single ? String(min) : `${min}-${max}`;
        expect(secondsRange('job-seconds', text, { min: 9, max: 9 })).toEqual(single ? { min, max: min } : { min, max });
      }),
    );
  });

  it('keeps a local run short: at most 60 s per job', () => {
    expect(() => secondsRange('job-seconds', '10-61', { min: 1, max: 1 })).toThrow(/at most 60 s per job/);
  });
});
