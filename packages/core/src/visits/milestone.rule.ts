import { BadInputError } from '../errors.js';

/**
 * The thresholds an increment crossed: those with `before < t <= after`, ascending, each once.
 * Because consecutive increments of one atomic counter cover disjoint (before, after] ranges, every
 * threshold is reported by exactly one increment, whatever the increments' sizes and however many
 * run at once. A decrement or no change crosses nothing.
 */
export function milestonesCrossed(before: number, after: number, thresholds: readonly number[]): number[] {
  if (!Number.isFinite(before) || !Number.isFinite(after)) {
    throw new BadInputError(`milestone rule needs finite totals, got before=${before}, after=${after}`);
  }
  const crossed = new Set<number>();
  for (const t of thresholds) {
    if (!Number.isFinite(t)) throw new BadInputError(`milestone thresholds must be finite numbers, got ${t}`);
    if (before < t && t <= after) crossed.add(t);
  }
  return [...crossed].sort((a, b) => a - b);
}
