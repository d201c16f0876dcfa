import {
  describeClaimStoreContract,
  describeCounterStoreContract,
  describeMailerContract,
  describeMilestoneDeliveryProperty,
  describeResultPublisherContract,
  describeResultStoreContract,
} from '@wordfreq/testing';
import { MemoryClaimStore } from './memory-claim-store.js';
import { MemoryCounterStore } from './memory-counter-store.js';
import { MemoryJobQueue } from './memory-job-queue.js';
import { MemoryMailer } from './memory-mailer.js';
import { MemoryResultPublisher } from './memory-result-publisher.js';
import { MemoryResultStore } from './memory-result-store.js';

const noop = async () => {};

describeCounterStoreContract('memory', async () => ({ counters: new MemoryCounterStore(), dispose: noop }));
describeClaimStoreContract('memory', async () => ({ claims: new MemoryClaimStore(), dispose: noop }));
describeMilestoneDeliveryProperty('memory', async () => ({ claims: new MemoryClaimStore(), counters: new MemoryCounterStore(), dispose: noop }));
describeResultStoreContract('memory', async () => ({ results: new MemoryResultStore(), dispose: noop }));

describeResultPublisherContract('memory', async () => {
  const resultsQueue = new MemoryJobQueue({ name: 'contract-results' });
  return { publisher: new MemoryResultPublisher(resultsQueue), resultsQueue, dispose: async () => resultsQueue.close() };
});

describeMailerContract('memory', async () => {
  const mailer = new MemoryMailer();
  return {
    mailer,
    sender: 'MyTravel <milestones@mytravel.example.com>',
    readSentMail: async () => mailer.outbox.map(({ from, to, subject, text, html }) => ({ from, to, subject, text, ...(html !== undefined ? { html } : {}) })),
    dispose: noop,
  };
});
