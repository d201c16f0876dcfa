export * from './errors.js';
export * from './ports/index.js';
export * from './counting/word-count.js';
export * from './counting/count-options.js';
export { systemClock } from './system-clock.js';
