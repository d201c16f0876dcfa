export { EntryBatcher, type BatchSend, type EntryBatcherOptions } from './entry-batcher.js';
export { batchedPublisher, defaultBatchOptions, oneByOne, type BatchedPublisher } from './batched-publisher.js';
