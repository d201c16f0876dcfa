export * from './contracts/index.js';
export * from './counting/index.js';
