import { describe, expect, it } from 'vitest';
import type { Calibration } from './calibration.js';
import type { JobAccounting } from './job-accounting.js';
import { loadtestDefaults } from './loadtest-options.js';
import { predictLoadtest } from './loadtest-prediction.js';
import { formatLoadtestReport, loadtestChartSpec, loadtestJson, relativeDifference } from './loadtest-report.js';
import { loadtestScenario } from './loadtest-scenario.js';
import type { LoadtestReport } from './run-loadtest.js';

const calibration: Calibration = { bootSeconds: 1, bootSamples: 3, overheadSeconds: 0.2, countSeconds: 0.05, ioSeconds: 0.1, handOffSeconds: 0.05 };
const accounting: JobAccounting = {
  uploaded: 30,
  resultRows: 30,
  resultMessages: 30,
  missing: [],
  unpublished: [],
  duplicated: [],
  failed: [],
  deadLettered: 0,
  exactlyOnce: true,
};

/** A report whose "measured" run is a simulation with a slower boot: a stand-in with known numbers. */
function report(overrides: Partial<LoadtestReport> = {}): LoadtestReport {
  const scenario = loadtestScenario({ ...loadtestDefaults });
  const arrivals = new Array<number>(30).fill(0);
  const predicted = predictLoadtest({ scenario, calibration, arrivals, phaseSeconds: 0.3 });
  const stand = predictLoadtest({ scenario, calibration: { ...calibration, bootSeconds: 4 }, arrivals, phaseSeconds: 0.3 });
  const measured = {
    label: 'measured: step (seed thresholds)',
    summary: { ...stand.summary, label: 'measured: step (seed thresholds)' },
    timeline: stand.timeline,
    events: stand.events,
    instances: stand.instances,
    jobs: stand.jobs.map((job) => ({ ...job, delaySeconds: 1, countSeconds: 0.05 })),
  };
  return { scenario, workerDelays: [1, 1, 1], phaseSeconds: 0.3, calibration, measured, predicted, accounting, ...overrides };
}

describe('relativeDifference', () => {
  it('is measured against predicted, undefined when either is missing', () => {
    expect(relativeDifference(13, 10)).toBeCloseTo(0.3, 12);
    expect(relativeDifference(8, 10)).toBeCloseTo(-0.2, 12);
    expect(relativeDifference(undefined, 10)).toBeUndefined();
    expect(relativeDifference(5, 0)).toBeUndefined();
  });
});

describe('formatLoadtestReport', () => {
  it('puts the measured run beside the prediction, with the calibration, the job check and both charts', () => {
    const r = report();
    const text = formatLoadtestReport(r, { width: 40 });
    const measured = r.measured.summary.drainSeconds!;
    const predicted = r.predicted.summary.drainSeconds!;
    const percent = Math.round(((measured - predicted) / predicted) * 100);
    expect(text).toContain(`Drain time: measured ${Math.round(measured * 100) / 100} s, predicted ${Math.round(predicted * 100) / 100} s (+${percent} % against the prediction)`);
    expect(text).toContain('Calibration (measured per worker): boot 1 s (mean of 3 starts); job = delay + 0.2 s (counting 0.05 s, I/O 0.1 s, hand-off 0.05 s)');
    expect(text).toContain('Jobs: 30 uploaded, 30 result rows, 30 result messages, 0 dead-lettered: every file has exactly one result');
    // The one formatDuration keeps hundredths under a minute: a local run's drain reads 16.30s, not 16s.
    expect(text).toMatch(/^measured: step \(seed thresholds\) +\d+(?:\.\d\d)?s/m);
    expect(text).toMatch(/^predicted: step \(seed thresholds\) +\d+(?:\.\d\d)?s/m);
    expect(text).toContain('measured: step (seed thresholds): queue depth (visible messages) and instances');
    expect(text).toContain('predicted: step (seed thresholds): queue depth (visible messages) and instances');
    expect(text).not.toContain('LOST');
  });

  it('says loudly when a job was lost or ran twice', () => {
    const text = formatLoadtestReport(report({ accounting: { ...accounting, missing: ['b/x'], duplicated: ['b/y'], resultRows: 29, exactlyOnce: false } }));
    expect(text).toContain('missing 1, unpublished 0, duplicated 1, failed 0');
    expect(text).toContain('JOBS WERE LOST OR RUN TWICE');
  });
});

describe('loadtestJson', () => {
  it('carries both runs, the calibration, the accounting and the drain difference', () => {
    const r = report();
    const json = JSON.parse(JSON.stringify(loadtestJson(r))) as Record<string, any>;
    expect(json.drainDifference).toBeCloseTo(relativeDifference(r.measured.summary.drainSeconds, r.predicted.summary.drainSeconds)!, 12);
    expect(json.calibration).toEqual(calibration);
    expect(json.accounting).toEqual(accounting);
    expect(json.measured.timeline).toHaveLength(r.measured.timeline.length);
    expect(json.predicted.events).toHaveLength(r.predicted.events.length);
    expect(json.scenario.workerDelays).toEqual([1, 1, 1]);
  });
});

describe('loadtestChartSpec', () => {
  it('draws the measured run above the prediction, in seconds: a local run lasts less than a minute', () => {
    const r = report();
    const spec = loadtestChartSpec(r) as { vconcat: { title: { text: string }; data: { values: Record<string, number>[] } }[] };
    expect(spec.vconcat.map((panel) => panel.title.text)).toEqual([r.measured.label, r.predicted.label]);
    const last = r.measured.timeline[r.measured.timeline.length - 1];
    expect(spec.vconcat[0].data.values.at(-1)).toEqual({ seconds: last.t, visible: last.visible, instances: last.pending + last.inService + last.draining });
    expect(JSON.stringify(spec)).toContain('"title":"seconds since the first upload"');
  });
});
