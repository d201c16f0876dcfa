import { describeObjectStoreContract } from '@wordfreq/testing';
import { MemoryObjectStore } from './memory-object-store.js';

describeObjectStoreContract('memory', async () => {
  const store = new MemoryObjectStore({ buckets: ['contract-primary', 'contract-backup'] });
  return {
    store,
    bucket: 'contract-primary',
    otherBucket: 'contract-backup',
    missingBucket: 'contract-missing',
    listKeyCount: 2500,
    async dispose() {},
  };
});

describeObjectStoreContract('memory, 7-key list pages', async () => {
  const store = new MemoryObjectStore({ buckets: ['contract-primary', 'contract-backup'], listPageSize: 7, readChunkBytes: 1000 });
  return {
    store,
    bucket: 'contract-primary',
    otherBucket: 'contract-backup',
    missingBucket: 'contract-missing',
    listKeyCount: 50,
    largeObjectBytes: 2 * 1024 * 1024,
    async dispose() {},
  };
});
