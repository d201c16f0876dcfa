export * from './contracts/index.js';
export * from './counting/index.js';
export * from './go-sample/index.js';
