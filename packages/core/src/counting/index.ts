export * from './word-count.js';
export * from './count-options.js';
