import { describeJobQueueContract } from '@wordfreq/testing';
import { makeQueueFixture } from './contract-fixtures.test-support.js';

describeJobQueueContract('memory, manual clock', async () => makeQueueFixture('manual'));
describeJobQueueContract('memory, manual clock, maxReceiveCount 2', async () => makeQueueFixture('manual', 2));
// The default (system clock) path the CLI demo runs on, with the same short timeouts as the SQS run.
describeJobQueueContract('memory, real time', async () => makeQueueFixture('real'));
