import { describePolicy } from '@wordfreq/core';
import type { RunSummary, ScalingEvent } from '@wordfreq/scaling';
import { formatComparisonTable } from '../scaling/comparison-table.js';
import { renderTerminalChart } from '../scaling/terminal-chart.js';
import { scalingChartSpec } from '../scaling/vega-chart.js';
import type { LoadtestReport } from './run-loadtest.js';

/** Measured against predicted, as a ratio: +0.12 means the run took 12 % longer than predicted. */
export function relativeDifference(measured: number | undefined, predicted: number | undefined): number | undefined {
  if (measured === undefined || predicted === undefined || predicted === 0) return undefined;
  return (measured - predicted) / predicted;
}

/** The text report: scenario, calibration, measured beside predicted, job accounting, both charts. */
export function formatLoadtestReport(report: LoadtestReport, options: { width?: number } = {}): string {
  const { scenario, calibration, measured, predicted, accounting } = report;
  const o = scenario.options;
  const jobSeconds = o.jobSeconds.min === o.jobSeconds.max ? `${o.jobSeconds.min} s` : `${o.jobSeconds.min}-${o.jobSeconds.max} s`;
  const lines = [
    `Local load test: ${o.files} files of ${Math.round(o.bytesPerFile / 1024)} KiB, ${jobSeconds} delay per job, ${scenario.bounds.min}-${scenario.bounds.max} workers`,
    `Policy: ${describePolicy(scenario.policy)}; queue sampled every ${seconds(scenario.sampleSeconds)}`,
    `Calibration (measured per worker): boot ${seconds(calibration.bootSeconds)} (mean of ${calibration.bootSamples} starts); ` +
      `job = delay + ${seconds(calibration.overheadSeconds)} (counting ${seconds(calibration.countSeconds)}, I/O ${seconds(calibration.ioSeconds)}, hand-off ${seconds(calibration.handOffSeconds)})`,
    '',
    formatComparisonTable([measured.summary, predicted.summary]).trimEnd(),
    '',
    compare('Drain time', measured.summary.drainSeconds, predicted.summary.drainSeconds),
    compare('Instance-seconds', measured.summary.instanceSeconds, predicted.summary.instanceSeconds),
    `Scaling events: measured ${eventList(measured.events)}`,
    `                predicted ${eventList(predicted.events)}`,
    jobsLine(report),
    ...(measured.summary.settled ? [] : ['The group had not scaled back to its minimum when the settle limit ended the run.']),
    '',
  ];
  const until = Math.max(measured.summary.endSeconds, predicted.summary.endSeconds);
  const width = options.width ?? 60;
  lines.push(renderTerminalChart({ label: measured.label, timeline: measured.timeline }, { width, untilSeconds: until }));
  lines.push(renderTerminalChart({ label: predicted.label, timeline: predicted.timeline }, { width, untilSeconds: until }));
  if (!accounting.exactlyOnce) lines.push('JOBS WERE LOST OR RUN TWICE: see the job line above.');
  return lines.join('\n') + '\n';
}

/** The SVG chart's spec: measured above predicted, on one time axis in seconds. */
export function loadtestChartSpec(report: LoadtestReport): Record<string, unknown> {
  return scalingChartSpec(
    [
      { label: report.measured.label, timeline: report.measured.timeline },
      { label: report.predicted.label, timeline: report.predicted.timeline },
    ],
    { timeUnit: 'seconds' },
  );
}

/** The report as JSON: everything but the raw per-job records' noise is kept, for scripts and tests. */
export function loadtestJson(report: LoadtestReport): Record<string, unknown> {
  const run = (r: { label: string; summary: RunSummary; events: readonly ScalingEvent[]; timeline: unknown }) => ({
    label: r.label,
    summary: r.summary,
    events: r.events,
    timeline: r.timeline,
  });
  return {
    scenario: {
      options: report.scenario.options,
      policy: report.scenario.policy,
      bounds: report.scenario.bounds,
      sampleSeconds: report.scenario.sampleSeconds,
      phaseSeconds: report.phaseSeconds,
      settleLimitSeconds: report.scenario.settleLimitSeconds,
      workerDelays: report.workerDelays,
    },
    calibration: report.calibration,
    measured: { ...run(report.measured), instances: report.measured.instances, jobs: report.measured.jobs },
    predicted: run(report.predicted),
    drainDifference: relativeDifference(report.measured.summary.drainSeconds, report.predicted.summary.drainSeconds) ?? null,
    accounting: report.accounting,
  };
}

function compare(name: string, measured: number | undefined, predicted: number | undefined): string {
  const difference = relativeDifference(measured, predicted);
  const shown = difference === undefined ? '' : ` (${difference >= 0 ? '+' : ''}${Math.round(difference * 100)} % against the prediction)`;
  return `${name}: measured ${measured === undefined ? 'not drained' : seconds(measured)}, predicted ${predicted === undefined ? 'not drained' : seconds(predicted)}${shown}`;
}

function eventList(events: readonly ScalingEvent[]): string {
  if (events.length === 0) return 'none';
  return `${events.length}: ` + events.map((e) => `${e.action === 'scale-out' ? 'out' : 'in'} ${e.from}->${e.to} at ${seconds(e.t)}`).join(', ');
}

function jobsLine(report: LoadtestReport): string {
  const a = report.accounting;
  const verdict = a.exactlyOnce ? 'every file has exactly one result' : `missing ${a.missing.length}, unpublished ${a.unpublished.length}, duplicated ${a.duplicated.length}, failed ${a.failed.length}`;
  return `Jobs: ${a.uploaded} uploaded, ${a.resultRows} result rows, ${a.resultMessages} result messages, ${a.deadLettered} dead-lettered: ${verdict}`;
}

const seconds = (value: number) => `${Math.round(value * 100) / 100} s`;
