// Contract suites: each port's behaviour written once and run against every adapter set
// (adapters-memory in-process, adapters-aws on the emulators). Each `describe…Contract(name, make)`
// calls `make()` before every test and `dispose()` after it, so a fixture must hand out fresh, isolated
// state (new buckets, queues, tables). Assertions never depend on durations; time-based queue tests
// go through the fixture's `elapse(ms)`, a real sleep or a manual clock's advance.
export { describeObjectStoreContract, type ObjectStoreFixture, type ObjectStoreContractOptions } from './object-store.contract.js';
export { describeJobQueueContract, type JobQueueFixture, type JobQueueContractOptions } from './job-queue.contract.js';
export { describeCounterStoreContract, type CounterStoreFixture, type StoreContractOptions } from './counter-store.contract.js';
export { describeClaimStoreContract, type ClaimStoreFixture } from './claim-store.contract.js';
export { describeMilestoneDeliveryProperty, type MilestoneDeliveryFixture, type MilestoneDeliveryOptions } from './milestone-delivery.property.js';
export { describeMailerContract, type MailerFixture, type SentMailRecord } from './mailer.contract.js';
export { describeResultStoreContract, type ResultStoreFixture } from './result-store.contract.js';
export { describeUploadPresignerContract, type PostedUpload, type UploadPresignerFixture } from './upload-presigner.contract.js';
export { describeResultPublisherContract, type ResultPublisherFixture } from './result-publisher.contract.js';
export { describeSpillStoreContract, type SpillStoreFixture } from './spill-store.contract.js';
export { succeededResult, failedResult } from './sample-results.js';
export {
  expectWordFreqError,
  configProblems,
  collect,
  readBytes,
  readText,
  mapLimit,
  collectGarbage,
  retainedBytes,
} from './contract-helpers.js';
