import { formatDuration, type RunSummary } from '@wordfreq/scaling';
import { formatTable } from '../ui/table.js';

const maybe = (seconds: number | undefined) => (seconds === undefined ? 'not drained' : formatDuration(seconds));

/** One row per run: how fast it drains, how long jobs wait, and what it costs. */
export function formatComparisonTable(summaries: readonly RunSummary[]): string {
  return formatTable(
    [
      { header: 'policy' },
      { header: 'drain', align: 'right' },
      { header: 'p50 latency', align: 'right' },
      { header: 'p95', align: 'right' },
      { header: 'max', align: 'right' },
      { header: 'peak', align: 'right' },
      { header: 'instance time', align: 'right' },
      { header: 'beyond min', align: 'right' },
      { header: 'events', align: 'right' },
      { header: 'cost', align: 'right' },
    ],
    summaries.map((s) => [
      s.label,
      maybe(s.drainSeconds),
      maybe(s.latencySeconds?.p50),
      maybe(s.latencySeconds?.p95),
      maybe(s.latencySeconds?.max),
      String(s.peakInstances),
      formatDuration(s.instanceSeconds),
      formatDuration(s.extraInstanceSeconds),
      String(s.scalingEvents),
      `$${s.cost.usd.toFixed(4)}`,
    ]),
  );
}
