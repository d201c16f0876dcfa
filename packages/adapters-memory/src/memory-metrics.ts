import type { MetricUnit, Metrics } from '@wordfreq/core';

export interface MetricPoint {
  readonly name: string;
  readonly value: number;
  readonly unit: MetricUnit;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** Records every data point, so tests and the demo can read back what a runtime reported. */
export class MemoryMetrics implements Metrics {
  readonly points: MetricPoint[] = [];

  record(name: string, value: number, unit: MetricUnit, dimensions: Readonly<Record<string, string>> = {}): void {
    if (!Number.isFinite(value)) throw new RangeError(`metric ${name}: value must be a finite number, got ${value}`);
    this.points.push({ name, value, unit, dimensions: { ...dimensions } });
  }

  /** Sum of the values recorded under `name` (0 if none). */
  sum(name: string): number {
    return this.points.reduce((total, point) => (point.name === name ? total + point.value : total), 0);
  }

  count(name: string): number {
    return this.points.filter((point) => point.name === name).length;
  }
}
