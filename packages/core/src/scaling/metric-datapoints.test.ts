import { describe, expect, it } from 'vitest';
import { datapoints, metricValue, type MetricSample } from './metric-datapoints.js';

const samples = (values: readonly number[], inService = 1): MetricSample[] => values.map((visible, i) => ({ t: i * 60, visible, inService }));

describe('datapoints', () => {
  it('aggregates each period (end - (k+1)P, end - kP], newest first', () => {
    const history = samples([10, 20, 30, 40, 50, 60]); // t = 0..300
    expect(datapoints(history, { end: 300, periodSeconds: 120, count: 3, statistic: 'average', metric: 'visible' })).toEqual([55, 35, 15]);
    expect(datapoints(history, { end: 300, periodSeconds: 120, count: 3, statistic: 'maximum', metric: 'visible' })).toEqual([60, 40, 20]);
    expect(datapoints(history, { end: 300, periodSeconds: 120, count: 3, statistic: 'minimum', metric: 'visible' })).toEqual([50, 30, 10]);
  });

  it('reports a period without samples as missing and ignores samples after the end', () => {
    const history = samples([10, 20, 30]);
    expect(datapoints(history, { end: 60, periodSeconds: 60, count: 3, statistic: 'average', metric: 'visible' })).toEqual([20, 10, undefined]);
  });

  it('divides by in-service instances for backlog per instance, counting an empty fleet as one', () => {
    expect(metricValue('backlog-per-instance', { t: 0, visible: 30, inService: 3 })).toBe(10);
    expect(metricValue('backlog-per-instance', { t: 0, visible: 30, inService: 0 })).toBe(30);
    expect(datapoints(samples([40], 4), { end: 0, periodSeconds: 60, count: 1, statistic: 'average', metric: 'backlog-per-instance' })).toEqual([10]);
  });
});
