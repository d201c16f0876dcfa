import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary, ScalingEvent, TimelinePoint } from '@wordfreq/scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from './cli-process.test-support.js';

interface SimulateJson {
  scenario: { seed: number };
  runs: { label: string; summary: RunSummary; events: ScalingEvent[]; timeline: TimelinePoint[] }[];
}

let dir: string;
beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'wordfreq-scaling-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('wordfreq scaling simulate', { timeout: 60_000 }, () => {
  it('--json compares the three policies on the same jobs, with whole timelines', async () => {
    const { code, stdout, stderr } = await runCli(['scaling', 'simulate', '--json', '--files', '30', '--job-seconds', '5-10', '--seed', '7']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as SimulateJson;
    expect(result.scenario.seed).toBe(7);
    expect(result.runs.map((r) => r.label)).toEqual(['step (seed)', expect.stringMatching(/^target /), 'lambda']);
    for (const run of result.runs) {
      expect(run.summary).toMatchObject({ jobs: 30, completed: 30, drained: true });
      for (const p of run.timeline) expect(p.arrived).toBe(p.visible + p.inFlight + p.completed);
    }
    const step = result.runs[0];
    for (const p of step.timeline) expect(p.pending + p.inService).toBeLessThanOrEqual(3);
  });

  it('gives the same answer for the same seed and a different one for another', async () => {
    const args = ['scaling', 'simulate', '--json', '--policy', 'step', '--files', '20'];
    const [a, b, c] = await Promise.all([runCli([...args, '--seed', '3']), runCli([...args, '--seed', '3']), runCli([...args, '--seed', '4'])]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
  });

  it('prints a comparison table and a terminal chart per policy, and writes a vega-lite SVG', async () => {
    const svgPath = join(dir, 'chart.svg');
    const { code, stdout } = await runCli(['scaling', 'simulate', '--policy', 'all', '--boot', '60', '--price', '0.02', '--svg', svgPath, '--width', '40'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Scenario: 120 jobs at once, 10-20 s each; seed 1\./);
    expect(stdout).toMatch(/policy +drain +p50 latency +p95 +max +peak +instance time +beyond min +events +cost/);
    expect(stdout).toMatch(/step \(seed\) +1\dm \d\ds/);
    for (const label of ['step (seed)', 'lambda']) expect(stdout).toContain(`${label}: queue depth (visible messages) and instances over`);
    expect(stdout).toContain(`Chart written to ${svgPath}`);
    const svg = await readFile(svgPath, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('class="mark-area');
    expect(svg).toContain('class="mark-line');
    expect(svg).toContain('>Queue depth and instances over time</text>');
  });

  it('reads per-file service times from a directory of files', async () => {
    const files = join(dir, 'files');
    await mkdir(files);
    await writeFile(join(files, 'a.txt'), 'x'.repeat(1_000_000));
    await writeFile(join(files, 'b.txt'), 'x'.repeat(2_000_000));
    const { code, stdout } = await runCli(['scaling', 'simulate', '--json', '--policy', 'target', '--dir', 'files', '--mb-per-second', '1', '--overhead', '10'], { cwd: dir });
    expect(code).toBe(0);
    const { summary } = (JSON.parse(stdout) as SimulateJson).runs[0];
    expect(summary.jobs).toBe(2);
    expect(summary.workSeconds).toBe(11 + 12);
  });
});

describe('wordfreq scaling tune', { timeout: 120_000 }, () => {
  it('finds the cheapest policy draining within 5 minutes and explains it against the seed', async () => {
    const { code, stdout } = await runCli(['scaling', 'tune', '--max-drain', '5m', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { winner: { worstDrainSeconds: number; meetsGoal: boolean; max: number }; baseline: { meetsGoal: boolean }; explanation: string[] };
    expect(result.winner.meetsGoal).toBe(true);
    expect(result.winner.worstDrainSeconds).toBeLessThanOrEqual(300);
    expect(result.baseline.meetsGoal).toBe(false);
    expect(result.explanation.join('\n')).toMatch(/Seed policy .* misses the goal/);
  });

  it('says so, exit 1, when nothing meets the goal', async () => {
    const { code, stdout } = await runCli(['scaling', 'tune', '--max-drain', '30s', '--seeds', '1', '--files', '60']);
    expect(code).toBe(1);
    expect(stdout).toContain('No candidate meets the goal.');
  });
});

describe('wordfreq scaling: bad input is a one-line usage error, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['scaling'], /^wordfreq: scaling: say 'simulate' or 'tune'/],
    [['scaling', 'grow'], /unknown subcommand 'grow'/],
    [['scaling', 'simulate', '--policy', 'magic'], /--policy must be step, target, lambda or all, got 'magic'/],
    [['scaling', 'simulate', '--job-seconds', '20-10'], /the lower bound 20 is above the upper bound 10/],
    [['scaling', 'simulate', '--min', '4', '--max', '2'], /--min \(4\) must not exceed --max \(2\)/],
    [['scaling', 'simulate', '--files', 'many'], /--files must be a whole number, got 'many'/],
    [['scaling', 'simulate', '--latency', 'soon'], /--latency must be a duration/],
    [['scaling', 'simulate', '--frobnicate'], /^wordfreq: scaling simulate: Unknown option '--frobnicate'/],
    [['scaling', 'simulate', '--svg', '/nonexistent-dir/x.svg', '--files', '5'], /--svg \/nonexistent-dir\/x.svg: cannot write it \(ENOENT\)/],
    [['scaling', 'tune'], /give a goal, --max-drain D and\/or --max-p95 D/],
    [['scaling', 'tune', '--max-drain', 'later'], /--max-drain must be a duration like 300, 300s, 5m or 1h30m, got 'later'/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), { timeout: 30_000 }, async () => {
      const { code, stdout, stderr } = await runCli(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  }
});
