export * from './errors.js';
export * from './ports/index.js';
export * from './counting/index.js';
export * from './jobs/index.js';
export * from './visits/index.js';
export * from './mail/index.js';
export * from './backup/index.js';
export * from './scaling/index.js';
export { systemClock } from './system-clock.js';
