export { sqsAdapters } from './sqs-adapters.module.js';
export { createSqsClient } from './sqs-client.js';
export { jobQueueOptions } from './job-queue-options.js';
export { SqsJobQueue, type SqsJobQueueOptions } from './sqs-job-queue.js';
export { SqsResultPublisher, type SqsResultPublisherOptions } from './sqs-result-publisher.js';
