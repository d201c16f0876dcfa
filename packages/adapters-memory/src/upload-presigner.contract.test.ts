import { NotFoundError } from '@wordfreq/core';
import { describeUploadPresignerContract } from '@wordfreq/testing';
import { MemoryObjectStore } from './memory-object-store.js';
import { MemoryUploadPresigner } from './memory-upload-presigner.js';

describeUploadPresignerContract('memory', async () => {
  const store = new MemoryObjectStore({ buckets: ['primary'] });
  const presigner = new MemoryUploadPresigner(store);
  return {
    presigner,
    bucket: 'primary',
    post: (upload, fields, file) => presigner.post(upload.url, fields, file),
    async find(key) {
      try {
        return await store.head({ bucket: 'primary', key });
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    dispose: async () => {},
  };
});
