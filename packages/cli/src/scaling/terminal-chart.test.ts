import { seedDeployment } from '@wordfreq/core';
import { pointAt, seedWorkload, simulate, type TimelinePoint } from '@wordfreq/scaling';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTerminalChart, slicePeaks } from './terminal-chart.js';

const point = (t: number, visible: number): TimelinePoint => ({ t, arrived: visible, visible, inFlight: 0, completed: 0, pending: 0, inService: 1, draining: 0, desired: 1 });

describe('slicePeaks', () => {
  it("gives each slice the highest value of the step function within it", () => {
    const timeline = [point(0, 5), point(10, 50), point(11, 2), point(40, 0)];
    expect(slicePeaks(timeline, 40, 4, (p) => p.visible)).toEqual([5, 50, 2, 2]);
  });

  it('puts a state that starts exactly on a column boundary in that column only', () => {
    // 3 * 55 / 11 is 15 exactly; computed as (3 / 11) * 55 it is 14.999..., a column early.
    const timeline = [point(0, 0), point(3, 1), point(4, 0)];
    const peaks = slicePeaks(timeline, 11, 55, (p) => p.visible);
    expect(peaks.slice(13, 21)).toEqual([0, 0, 1, 1, 1, 1, 1, 0]);
  });

  it('never misses a state and never invents a value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 100 }), fc.nat(200)), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 80 }), (steps, width) => {
        let t = 0;
        const timeline = steps.map(([gap, visible], i) => point(i === 0 ? 0 : (t += gap), visible));
        const end = t + 1;
        const peaks = slicePeaks(timeline, end, width, (p) => p.visible);
        for (const p of timeline) {
          const column = Math.min(width - 1, Math.floor((p.t * width) / end));
          expect(peaks[column]).toBeGreaterThanOrEqual(p.visible);
        }
        for (const [c, peak] of peaks.entries()) {
          // Slice c is [c * end / width, (c + 1) * end / width), compared multiplied out so that no
          // rounding puts a point on a boundary into the slice before it.
          const inSlice = timeline.filter((p, i) => p.t * width < (c + 1) * end && (timeline[i + 1]?.t ?? end) * width > c * end);
          expect(peak).toBe(Math.max(0, ...inSlice.map((p) => p.visible)));
        }
        expect(pointAt(timeline, end)?.visible).toBe(timeline[timeline.length - 1].visible);
      }),
    );
  });
});

describe('renderTerminalChart', () => {
  it('draws queue depth and instances on one time axis, the width asked for', () => {
    const run = simulate({ seed: 1, workload: seedWorkload, deployment: seedDeployment });
    const lines = renderTerminalChart(run, { width: 50 }).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^step \(seed\): queue depth \(visible messages\) and instances over 2\dm \d\ds$/);
    expect(lines).toHaveLength(1 + 8 + 3 + 2); // title, 8 depth rows, one row per instance (3), axis, labels
    const peakDepth = Math.max(...run.timeline.map((p) => p.visible));
    expect(lines[1]).toMatch(new RegExp(`^ +${peakDepth} │█`));
    expect(lines[9]).toMatch(/^ +3 │/);
    for (const line of lines.slice(1, 12)) expect([...line.split('│')[1]].length).toBeLessThanOrEqual(50);
    expect(lines[12]).toBe(`${' '.repeat(7)}└${'─'.repeat(50)}`);
    expect(lines[13]).toMatch(/^ {8}0s .* 2\dm \d\ds$/);
  });
});
