export type MetricUnit = 'Count' | 'Milliseconds' | 'Bytes' | 'None';

/** Figures for CloudWatch (EMF on AWS) or a test sink. */
export interface Metrics {
  record(name: string, value: number, unit: MetricUnit, dimensions?: Readonly<Record<string, string>>): void;
}
