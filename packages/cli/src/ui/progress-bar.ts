import type { Writable } from 'node:stream';
import { formatBytesOf, formatCount } from './format.js';

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  /** How `done/total` is shown: plain counts or byte sizes. */
  readonly unit?: 'items' | 'bytes';
  /** Force a mode; by default a TTY stream gets a redrawn bar and anything else milestone lines. */
  readonly tty?: boolean;
}

export interface Progress {
  advance(by?: number): void;
  /** Ends the bar (on a TTY: the final redraw and a newline). Further calls are ignored. */
  finish(): void;
}

const barCells = 24;
const redrawIntervalMs = 100;
/** Non-TTY output (CI logs, pipes) gets one line per this many percent, not a flood of redraws. */
const lineStepPercent = 25;

interface MaybeTty {
  isTTY?: boolean;
  columns?: number;
}

/**
 * A progress bar for long steps. On a terminal it redraws one line in place (only when its text
 * changes, so millions of small advances cost no output); elsewhere it writes a line at every quarter
 * so logs show progress without carriage returns. It writes to the stream it is given (stderr in the
 * CLI), keeping stdout clean for results and JSON.
 */
export function startProgress(stream: Writable, options: ProgressOptions): Progress {
  const tty = options.tty ?? (stream as unknown as MaybeTty).isTTY === true;
  const total = Math.max(0, options.total);
  const show = (n: number) => (options.unit === 'bytes' ? formatBytesOf(n, total) : `${formatCount(n)}/${formatCount(total)}`);
  let done = 0;
  let finished = false;
  let lastLine = '';
  let lastPercent = -1;
  let lastDrawMs = 0;
  let lastStep = -1;

  const percent = () => (total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100)));

  const render = (final = false) => {
    const pct = percent();
    if (tty) {
      const filled = Math.round((pct / 100) * barCells);
      const line = `${options.label} [${'#'.repeat(filled)}${'.'.repeat(barCells - filled)}] ${String(pct).padStart(3)}% ${show(done)}`;
      if (line === lastLine) return;
      // Every new percent is drawn; changes within one (a count ticking by) at most ten times a second.
      const nowMs = Date.now();
      if (pct === lastPercent && !final && nowMs - lastDrawMs < redrawIntervalMs) return;
      lastLine = line;
      lastPercent = pct;
      lastDrawMs = nowMs;
      // A pseudo-terminal may report 0 columns: fall back to 80 rather than cutting the bar away.
      const columns = (stream as unknown as MaybeTty).columns || 80;
      stream.write(`\r${line.slice(0, columns - 1)}\x1b[K`);
      return;
    }
    const step = Math.floor(pct / lineStepPercent);
    if (step === lastStep) return;
    lastStep = step;
    if (pct < 100) stream.write(`${options.label}: ${pct}% (${show(done)})\n`);
  };

  render();
  return {
    advance(by = 1) {
      if (finished) return;
      done = Math.min(total, done + by);
      render();
    },
    finish() {
      if (finished) return;
      finished = true;
      if (tty) {
        render(true);
        stream.write('\n');
      } else {
        stream.write(`${options.label}: done (${show(done)})\n`);
      }
    },
  };
}
