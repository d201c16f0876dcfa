export { ManualClock, type ManualClockOptions } from './manual-clock.js';
export { MemoryUploadPresigner, type MemoryPostOutcome } from './memory-upload-presigner.js';
export {
  MemoryObjectStore,
  type MemoryObjectStoreOptions,
  type ObjectCreatedEvent,
  type ObjectCreatedListener,
} from './memory-object-store.js';
export { bridgeUploadsToQueue, type BridgeOptions, type ObjectCreatedSource } from './bridge-uploads-to-queue.js';
export { MemoryJobQueue, type MemoryJobQueueOptions } from './memory-job-queue.js';
// Kept for existing imports; the limits live in core beside the JobQueue port.
export { sqsLimits } from '@wordfreq/core';
export { MemoryResultStore } from './memory-result-store.js';
export { MemoryResultPublisher } from './memory-result-publisher.js';
export { MemoryCounterStore } from './memory-counter-store.js';
export { MemoryClaimStore } from './memory-claim-store.js';
export { MemoryMailer, type SentMail } from './memory-mailer.js';
export { MemoryLogger, type LogEntry, type LogLevel } from './memory-logger.js';
export { MemoryMetrics, type MetricPoint } from './memory-metrics.js';
export { MemorySpillStore, type MemorySpillStoreOptions } from './memory-spill-store.js';
export { createMemorySystem, type MemorySystem, type MemorySystemOptions } from './memory-system.js';
export { memoryAdapters, MemorySystemToken, type MemoryAdaptersOptions } from './memory-adapters.module.js';
