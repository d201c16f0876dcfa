import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmfMetrics } from './emf-metrics.js';

function capture(options: ConstructorParameters<typeof EmfMetrics>[0] = {}) {
  const lines: string[] = [];
  const metrics = new EmfMetrics({ now: () => 1_700_000_000_000, write: (line) => lines.push(line), ...options });
  return { metrics, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const dimensionName = fc.stringMatching(/^[A-Z][A-Za-z]{0,15}$/);
const dimensionValue = fc.string({ minLength: 1, maxLength: 40 });

describe('EmfMetrics', () => {
  it('writes one embedded-metric-format line per data point', () => {
    const { metrics, parsed } = capture({ dimensions: { Service: 'worker' } });
    metrics.record('JobDuration', 1234.5, 'Milliseconds', { Outcome: 'succeeded' });
    expect(parsed()).toEqual([
      {
        _aws: {
          Timestamp: 1_700_000_000_000,
          CloudWatchMetrics: [{ Namespace: 'WordFreq', Dimensions: [['Service', 'Outcome']], Metrics: [{ Name: 'JobDuration', Unit: 'Milliseconds' }] }],
        },
        Service: 'worker',
        Outcome: 'succeeded',
        JobDuration: 1234.5,
      },
    ]);
  });

  it('keeps any valid metric: the value under its name, every dimension declared and present', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][A-Za-z]{0,20}$/),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom('Count' as const, 'Milliseconds' as const, 'Bytes' as const, 'None' as const),
        fc.dictionary(dimensionName, dimensionValue, { maxKeys: 5 }),
        (name, value, unit, dimensions) => {
          const { metrics, parsed } = capture();
          metrics.record(name, value, unit, dimensions);
          const [line] = parsed();
          const meta = (line!._aws as { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] }).CloudWatchMetrics[0]!;
          expect(line![name]).toBe(Object.is(value, -0) ? 0 : value);
          expect(meta.Metrics).toEqual([{ Name: name, Unit: unit }]);
          expect(meta.Dimensions).toEqual([Object.keys(dimensions)]);
          for (const [key, dimension] of Object.entries(dimensions)) expect(line![key]).toBe(dimension);
        },
      ),
    );
  });

  it('reports backlog per instance, and the whole backlog when no instance is in service', () => {
    const { metrics, parsed } = capture();
    metrics.recordBacklogPerInstance(30, 3, { AutoScalingGroupName: 'wordfreq-workers' });
    metrics.recordBacklogPerInstance(7, 0);
    expect(parsed().map((line) => line.BacklogPerInstance)).toEqual([10, 7]);
    expect(parsed()[0]).toMatchObject({ AutoScalingGroupName: 'wordfreq-workers' });
  });

  it.each([
    ['a non-finite value', () => capture().metrics.record('Jobs', Number.NaN, 'Count'), /finite/],
    ['an empty name', () => capture().metrics.record('', 1, 'Count'), /name/],
    ['an empty dimension value', () => capture().metrics.record('Jobs', 1, 'Count', { Queue: '' }), /dimension Queue/],
    ['a dimension named like the metric', () => capture().metrics.record('Jobs', 1, 'Count', { Jobs: 'x' }), /same name/],
    ['31 dimensions', () => capture().metrics.record('Jobs', 1, 'Count', Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`D${i}`, 'v']))), /31 dimensions/],
    ['an AWS/ namespace', () => new EmfMetrics({ namespace: 'AWS/SQS' }), /namespace/],
  ])('refuses %s with BAD_INPUT', (_what, act, pattern) => {
    expect(act).toThrow(pattern);
  });
});
