import { describeSpillStoreContract } from '@wordfreq/testing';
import { MemorySpillStore } from './memory-spill-store.js';

describeSpillStoreContract('memory', async () => {
  const quotaBytes = 1000;
  return { store: new MemorySpillStore({ quotaBytes, readChunkBytes: 3 }), quotaBytes, dispose: async () => {} };
});
