export { FsSpillStore, type FsSpillStoreOptions } from './fs-spill-store.js';
