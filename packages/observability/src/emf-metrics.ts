import type { MetricUnit, Metrics } from '@wordfreq/core';
import { BadInputError } from '@wordfreq/core';

export interface EmfMetricsOptions {
  /** CloudWatch namespace (default `WordFreq`). */
  readonly namespace?: string;
  /** Added to every data point, e.g. `{ Service: 'worker' }`; a call's own dimensions win. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Where each JSON line goes (default stdout, which Lambda and the CloudWatch agent ship to Logs). */
  readonly write?: (line: string) => void;
  /** Milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number;
}

/** CloudWatch's limits for embedded metrics. */
const maxDimensions = 30;
const maxNameLength = 255;
const maxValueLength = 1024;

/**
 * `Metrics` as CloudWatch Embedded Metric Format: one JSON line per data point, which CloudWatch Logs
 * turns into a metric. No CloudWatch API call on the hot path, no batching state to lose on a crash.
 */
export class EmfMetrics implements Metrics {
  readonly #namespace: string;
  readonly #dimensions: Readonly<Record<string, string>>;
  readonly #write: (line: string) => void;
  readonly #now: () => number;

  constructor(options: EmfMetricsOptions = {}) {
    this.#namespace = options.namespace ?? 'WordFreq';
    if (this.#namespace.length === 0 || this.#namespace.length > maxNameLength || this.#namespace.startsWith('AWS/')) {
      throw new BadInputError(`metrics namespace "${this.#namespace}" must be 1-${maxNameLength} characters and not start with AWS/`);
    }
    this.#dimensions = { ...options.dimensions };
    this.#write = options.write ?? ((line) => void process.stdout.write(`${line}\n`));
    this.#now = options.now ?? Date.now;
  }

  record(name: string, value: number, unit: MetricUnit, dimensions: Readonly<Record<string, string>> = {}): void {
    if (typeof name !== 'string' || name.length === 0 || name.length > maxNameLength) {
      throw new BadInputError(`metric name must be 1-${maxNameLength} characters, got ${JSON.stringify(name)}`);
    }
    if (!Number.isFinite(value)) throw new BadInputError(`metric ${name}: value must be a finite number, got ${value}`);
    const all = { ...this.#dimensions, ...dimensions };
    const keys = Object.keys(all);
    if (keys.length > maxDimensions) throw new BadInputError(`metric ${name} has ${keys.length} dimensions; CloudWatch allows ${maxDimensions}`);
    for (const key of keys) {
      const dimension = all[key];
      if (key === name) throw new BadInputError(`metric ${name} has a dimension of the same name; EMF keeps both in one JSON object`);
      if (key === '_aws') throw new BadInputError(`metric ${name}: "_aws" is reserved by the embedded metric format`);
      if (typeof dimension !== 'string' || dimension.length === 0 || dimension.length > maxValueLength) {
        throw new BadInputError(`metric ${name}: dimension ${key} must be a string of 1-${maxValueLength} characters, got ${JSON.stringify(dimension)}`);
      }
    }
    this.#write(
      JSON.stringify({
        _aws: {
          Timestamp: this.#now(),
          CloudWatchMetrics: [{ Namespace: this.#namespace, Dimensions: [keys], Metrics: [{ Name: name, Unit: unit }] }],
        },
        ...all,
        [name]: value,
      }),
    );
  }

  /**
   * `BacklogPerInstance` = visible messages / instances in service: the metric AWS recommends for
   * target tracking on a queue (scale so it stays at acceptable latency / seconds per job). With no
   * instance in service the whole backlog is reported, so the alarm still sees work waiting.
   */
  recordBacklogPerInstance(visibleMessages: number, instances: number, dimensions: Readonly<Record<string, string>> = {}): void {
    if (!Number.isSafeInteger(visibleMessages) || visibleMessages < 0) throw new BadInputError(`backlog must be a whole number >= 0, got ${visibleMessages}`);
    if (!Number.isSafeInteger(instances) || instances < 0) throw new BadInputError(`instances in service must be a whole number >= 0, got ${instances}`);
    this.record('BacklogPerInstance', instances === 0 ? visibleMessages : visibleMessages / instances, 'Count', dimensions);
  }
}
