import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceFlag, scenarioFromFlags } from './scaling-flags.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordfreq-scaling-'));
  await writeFile(join(dir, 'a.txt'), 'x'.repeat(2_000_000));
  await writeFile(join(dir, 'b.txt'), 'x'.repeat(500_000));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('scenarioFromFlags', () => {
  it("defaults to the seed's load test and group", async () => {
    const scenario = await scenarioFromFlags({}, '/');
    expect(scenario.workload).toEqual({ arrivals: { kind: 'burst', count: 120 }, service: { kind: 'uniform', minSeconds: 10, maxSeconds: 20 } });
    expect(scenario.fleet).toMatchObject({ min: 1, max: 3, desired: 1, bootSeconds: 90, concurrencyPerInstance: 1, pricePerInstanceHour: 0.0116 });
  });

  it('reads a rate, a fixed job time and the group flags', async () => {
    const scenario = await scenarioFromFlags({ files: '30', 'job-seconds': '12', rate: '6', min: '2', max: '8', boot: '0', concurrency: '4', price: '0.1' }, '/');
    expect(scenario.workload).toEqual({ arrivals: { kind: 'rate', count: 30, perMinute: 6 }, service: { kind: 'fixed', seconds: 12 } });
    expect(scenario.fleet).toMatchObject({ min: 2, max: 8, desired: 2, bootSeconds: 0, concurrencyPerInstance: 4, pricePerInstanceHour: 0.1 });
  });

  it('takes per-file service times from the sizes of the files in --dir', async () => {
    const scenario = await scenarioFromFlags({ dir, 'mb-per-second': '1', overhead: '10' }, '/');
    expect(scenario.workload).toEqual({ arrivals: { kind: 'burst', count: 2 }, service: { kind: 'sizes', bytes: [2_000_000, 500_000], megabytesPerSecond: 1, overheadSeconds: 10 } });
  });

  it('names the flag for every bad value', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'job-seconds': '20-10' }, /--job-seconds 20-10: the lower bound 20 is above the upper bound 10/],
      [{ 'job-seconds': 'slow' }, /--job-seconds must be A-B or A/],
      [{ 'job-seconds': '0' }, /--job-seconds must be more than 0/],
      [{ files: '0' }, /--files must be between 1 and/],
      [{ min: '4', max: '2' }, /--min \(4\) must not exceed --max \(2\)/],
      [{ desired: '5' }, /--desired \(5\) must be within --min..--max \(1..3\)/],
      [{ rate: '-1' }, /--rate must be a number above 0/],
      [{ boot: 'x' }, /--boot must be a number of 0 or more/],
      [{ dir }, /--dir needs --mb-per-second/],
      [{ dir: join(dir, 'missing'), 'mb-per-second': '1' }, /--dir .*missing: cannot list it \(ENOENT\)/],
      [{ dir, 'job-seconds': '1', 'mb-per-second': '1' }, /either --job-seconds or --dir/],
      [{ overhead: '3' }, /--overhead only applies with --dir/],
    ];
    for (const [flags, message] of cases) await expect(scenarioFromFlags(flags, '/'), JSON.stringify(flags)).rejects.toThrow(message);
  });
});

describe('priceFlag', () => {
  it('reads a bare instance-hour price or named prices', () => {
    expect(priceFlag('0.0116')).toEqual({ instanceHour: 0.0116 });
    expect(priceFlag('instance-hour=0.02,gb-second=0.00001')).toEqual({ instanceHour: 0.02, gbSecond: 0.00001 });
    expect(priceFlag('gb-second=1.5e-5')).toEqual({ gbSecond: 1.5e-5 });
  });

  it('rejects unknown names and malformed parts', () => {
    expect(() => priceFlag('spot=0.01')).toThrow(/unknown price 'spot'; the prices are instance-hour and gb-second/);
    expect(() => priceFlag('cheap')).toThrow(/'cheap' is not key=value/);
    expect(() => priceFlag('instance-hour=-1')).toThrow(/--price instance-hour must be a number of 0 or more/);
  });
});
