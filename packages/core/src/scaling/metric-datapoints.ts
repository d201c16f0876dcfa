/**
 * CloudWatch as the policies see it: SQS publishes its queue metrics once a minute (samples); an alarm
 * aggregates the samples of each period into one datapoint with a statistic.
 */
export interface MetricSample {
  readonly t: number;
  /** ApproximateNumberOfMessagesVisible: jobs waiting, not the ones being worked on. */
  readonly visible: number;
  /** Instances counted by the Auto Scaling group as InService when the sample was taken. */
  readonly inService: number;
}

/** `backlog-per-instance` is AWS's recommended metric: visible messages / in-service instances. */
export type QueueMetric = 'visible' | 'backlog-per-instance';
export type Statistic = 'average' | 'maximum' | 'minimum';

export function metricValue(metric: QueueMetric, sample: MetricSample): number {
  // With no instance in service the ratio is undefined on AWS; counting the fleet as one keeps a queue
  // that waits for its first instance visibly "behind" instead of silently missing data.
  return metric === 'visible' ? sample.visible : sample.visible / Math.max(1, sample.inService);
}

export interface DatapointQuery {
  /** The newest period ends here (inclusive); older periods follow back to back. */
  readonly end: number;
  readonly periodSeconds: number;
  readonly count: number;
  readonly statistic: Statistic;
  readonly metric: QueueMetric;
}

/**
 * The `count` most recent datapoints, newest first: datapoint k aggregates the samples taken in
 * (end - (k+1) * period, end - k * period]. A period without samples is `undefined` (missing data),
 * which never counts as breaching.
 */
export function datapoints(samples: readonly MetricSample[], query: DatapointQuery): (number | undefined)[] {
  const buckets: number[][] = Array.from({ length: query.count }, () => []);
  for (let i = samples.length - 1; i >= 0; i -= 1) {
    const sample = samples[i];
    if (sample.t > query.end) continue;
    const k = Math.floor((query.end - sample.t) / query.periodSeconds);
    if (k >= query.count) break; // samples are in time order: everything earlier is older still
    buckets[k].push(metricValue(query.metric, sample));
  }
  return buckets.map((values) => (values.length === 0 ? undefined : aggregate(values, query.statistic)));
}

function aggregate(values: readonly number[], statistic: Statistic): number {
  switch (statistic) {
    case 'average':
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case 'maximum':
      return Math.max(...values);
    case 'minimum':
      return Math.min(...values);
  }
}
