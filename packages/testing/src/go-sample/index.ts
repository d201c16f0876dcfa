export * from './go-sample-fixtures.js';
export * from './go-sample-decoder.js';
