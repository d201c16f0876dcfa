// The scaling simulator and tuner: replays the policies of @wordfreq/core (step scaling, target
// tracking, Lambda concurrency) on a workload, deterministically for a seed, and finds the cheapest
// policy meeting a goal. Used by the CLI's `scaling simulate`, `scaling tune` and `loadtest`.
export * from './run-summary.js';
export * from './seed-scenario.js';
export { seededRandom, randomStream, randomInt, randomBetween, randomExponential, type Random } from './seeded-random.js';
export * from './simulator.js';
export type { MetricClockSettings } from './simulation-input.validation.js';
export * from './timeline.js';
export * from './workload.js';
export { formatDuration } from './format-duration.js';
export * from './policy-tuner.js';
