import { formatDuration, type TimelinePoint } from '@wordfreq/scaling';

const eighths = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export interface ChartRun {
  readonly label: string;
  readonly timeline: readonly TimelinePoint[];
}

export interface TerminalChartOptions {
  /** Columns for the plot itself, without the axis labels. */
  readonly width?: number;
  readonly depthRows?: number;
  /** Default: one row per instance up to 6, else 4 scaled rows. */
  readonly instanceRows?: number;
  /** Draw up to this time, so several runs share one time axis. */
  readonly untilSeconds?: number;
}

/**
 * Queue depth and instances over time as block-character bars, one column per time slice showing the
 * slice's peak. It reads only the timeline, so a measured run draws the same way as a simulated one.
 */
export function renderTerminalChart(run: ChartRun, options: TerminalChartOptions = {}): string {
  const width = options.width ?? 60;
  const end = Math.max(options.untilSeconds ?? 0, run.timeline[run.timeline.length - 1]?.t ?? 0, 1);
  const depth = slicePeaks(run.timeline, end, width, (p) => p.visible);
  const instances = slicePeaks(run.timeline, end, width, (p) => p.pending + p.inService + p.draining);
  const lines = [`${run.label}: queue depth (visible messages) and instances over ${formatDuration(end)}`];
  lines.push(...bars(depth, options.depthRows ?? 8, 'queue'));
  // One row per instance while that fits, so a small group's sizes read exactly.
  const mostInstances = Math.max(...instances);
  lines.push(...bars(instances, options.instanceRows ?? (mostInstances <= 6 ? Math.max(2, mostInstances) : 4), 'inst.'));
  lines.push(`${' '.repeat(7)}└${'─'.repeat(width)}`);
  lines.push(' '.repeat(8) + timeAxis(end, width));
  return lines.join('\n') + '\n';
}

/** The highest value of each of `width` equal time slices of [0, end], a step function's peaks. */
export function slicePeaks(timeline: readonly TimelinePoint[], end: number, width: number, value: (p: TimelinePoint) => number): number[] {
  const peaks = new Array<number>(width).fill(0);
  // Multiply before dividing: (t / end) * width can land a hair below a whole column at a boundary.
  const column = (t: number) => Math.min(width - 1, Math.max(0, Math.floor((t * width) / end)));
  for (let i = 0; i < timeline.length; i += 1) {
    const from = column(timeline[i].t);
    // A state lasts until the next point; the last one until the end of the chart.
    const next = i + 1 < timeline.length ? timeline[i + 1].t : end;
    const to = next > timeline[i].t ? column(Math.max(timeline[i].t, next - 1e-9)) : from;
    for (let c = from; c <= to; c += 1) peaks[c] = Math.max(peaks[c], value(timeline[i]));
  }
  return peaks;
}

function bars(values: readonly number[], rows: number, name: string): string[] {
  const top = Math.max(1, ...values);
  const levels = values.map((v) => Math.round((v / top) * rows * 8));
  const lines: string[] = [];
  for (let row = rows - 1; row >= 0; row -= 1) {
    const label = row === rows - 1 ? String(top) : row === 0 ? name : '';
    const cells = levels.map((level) => eighths[Math.max(0, Math.min(8, level - row * 8))]).join('');
    lines.push(`${label.padStart(6)} │${cells.trimEnd()}`);
  }
  return lines;
}

function timeAxis(end: number, width: number): string {
  const axis = new Array<string>(width).fill(' ');
  // About one label per 15 columns; a label that would touch the previous one is left out.
  const ticks = Math.max(1, Math.floor(width / 15));
  let free = 0;
  for (let k = 0; k <= ticks; k += 1) {
    const text = formatDuration((end * k) / ticks).replace(/ 00s$/, '');
    const at = Math.round(((width - 1) * k) / ticks);
    const start = k === ticks ? width - text.length : k === 0 ? 0 : at - Math.floor(text.length / 2);
    if (start < free || start < 0) continue;
    for (let i = 0; i < text.length; i += 1) axis[start + i] = text[i];
    free = start + text.length + 1;
  }
  return axis.join('').trimEnd();
}
