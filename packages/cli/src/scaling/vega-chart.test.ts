import { lambdaConfig, seedDeployment } from '@wordfreq/core';
import { seedWorkload, simulate } from '@wordfreq/scaling';
import { describe, expect, it } from 'vitest';
import { renderSvg, scalingChartSpec } from './vega-chart.js';

const runs = [
  simulate({ seed: 1, workload: seedWorkload, deployment: seedDeployment }),
  simulate({ seed: 1, workload: seedWorkload, deployment: { kind: 'lambda', lambda: lambdaConfig() } }),
];

describe('scalingChartSpec', () => {
  it('has one panel per run with its whole timeline, on a shared time scale', () => {
    const spec = scalingChartSpec(runs) as { vconcat: { title: { text: string }; data: { values: unknown[] } }[] };
    expect(spec.vconcat.map((panel) => panel.title.text)).toEqual(['step (seed)', 'lambda']);
    expect(spec.vconcat[0].data.values).toHaveLength(runs[0].timeline.length);
    expect(spec.vconcat[0].data.values[0]).toEqual({ minutes: 0, visible: runs[0].timeline[0].visible, instances: 1 });
  });
});

describe('renderSvg', () => {
  it('renders the spec with vega to an SVG holding the area, the lines, the axes and the titles', { timeout: 30_000 }, async () => {
    const svg = await renderSvg(scalingChartSpec(runs));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/class="mark-area/g)).toHaveLength(2);
    expect(svg.match(/class="mark-line/g)).toHaveLength(4); // per panel: the area's outline and the instances
    expect(svg.match(/stroke="#e45756"/g)?.length).toBeGreaterThanOrEqual(2);
    for (const text of ['step (seed)', 'lambda', 'visible messages', 'instances (booting + in service)', 'minutes since the first upload']) expect(svg).toContain(`>${text}</text>`);
    const areaPath = /class="mark-area[^"]*"[^>]*>.*?<path[^>]* d="([^"]+)"/s.exec(svg)?.[1] ?? '';
    expect(areaPath.split(/[MLHVZ]/).length).toBeGreaterThan(20); // a real shape, not an empty mark
  });
});
