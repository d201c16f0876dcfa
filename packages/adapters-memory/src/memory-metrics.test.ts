import { describe, expect, it } from 'vitest';
import { MemoryMetrics } from './memory-metrics.js';

describe('MemoryMetrics', () => {
  it('records points and sums them by name', () => {
    const metrics = new MemoryMetrics();
    metrics.record('JobsDone', 1, 'Count', { Runtime: 'ec2' });
    metrics.record('JobsDone', 2, 'Count');
    metrics.record('JobDuration', 120, 'Milliseconds');
    expect(metrics.sum('JobsDone')).toBe(3);
    expect(metrics.count('JobsDone')).toBe(2);
    expect(metrics.sum('Unknown')).toBe(0);
    expect(metrics.points[0]).toEqual({ name: 'JobsDone', value: 1, unit: 'Count', dimensions: { Runtime: 'ec2' } });
    expect(() => metrics.record('Bad', Number.NaN, 'None')).toThrow(/finite/);
  });
});
