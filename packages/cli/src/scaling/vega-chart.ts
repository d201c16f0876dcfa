import type { TimelinePoint } from '@wordfreq/scaling';

export type TimeUnit = 'minutes' | 'seconds';
const secondsPer: Record<TimeUnit, number> = { minutes: 60, seconds: 1 };

export interface SvgChartRun {
  readonly label: string;
  readonly timeline: readonly TimelinePoint[];
}

/**
 * A vega-lite spec: one panel per run, queue depth as a shaded step area on the left axis and
 * instances as a step line on the right axis, all panels on one time scale so they compare at a glance.
 */
export function scalingChartSpec(runs: readonly SvgChartRun[], options: { timeUnit?: TimeUnit } = {}): Record<string, unknown> {
  // A local load test lasts seconds, where minutes would read 0.00 to 0.30.
  const unit = options.timeUnit ?? 'minutes';
  const until = Math.max(1, ...runs.map((r) => r.timeline[r.timeline.length - 1]?.t ?? 0)) / secondsPer[unit];
  const time = { field: unit, type: 'quantitative', title: `${unit} since the first upload`, scale: { domain: [0, until] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Queue depth and instances over time',
    config: { font: 'sans-serif', view: { stroke: '#ddd' } },
    resolve: { scale: { x: 'shared' } },
    vconcat: runs.map((run) => ({
      title: { text: run.label, anchor: 'start' },
      width: 640,
      height: 160,
      data: { values: rowsOf(run.timeline, unit) },
      layer: [
        {
          mark: { type: 'area', interpolate: 'step-after', color: '#4c78a8', opacity: 0.45, line: { color: '#4c78a8' } },
          encoding: { x: time, y: { field: 'visible', type: 'quantitative', title: 'visible messages', axis: { titleColor: '#4c78a8' } } },
        },
        {
          mark: { type: 'line', interpolate: 'step-after', color: '#e45756', strokeWidth: 2 },
          encoding: {
            x: time,
            y: { field: 'instances', type: 'quantitative', title: 'instances (booting + in service)', axis: { titleColor: '#e45756', tickMinStep: 1 } },
          },
        },
      ],
      resolve: { scale: { y: 'independent' } },
    })),
  };
}

function rowsOf(timeline: readonly TimelinePoint[], unit: TimeUnit): Record<string, number>[] {
  return timeline.map((p) => ({ [unit]: p.t / secondsPer[unit], visible: p.visible, instances: p.pending + p.inService + p.draining }));
}

/** Compiles the vega-lite spec and renders it headless to SVG text with vega's own SVG renderer. */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  // Loaded only when a chart is asked for: vega is the slowest thing the CLI could import.
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
