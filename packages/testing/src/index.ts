export * from './contracts/index.js';
export * from './emulators/index.js';
export * from './faults/index.js';
