export * from './contracts/index.js';
export * from './emulators/index.js';
