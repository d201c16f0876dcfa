import { describeJobQueueContract } from '@wordfreq/testing';
import { makeQueueFixture } from './contract-fixtures.test-support.js';

describeJobQueueContract('memory, manual clock', async () => makeQueueFixture('manual'));
describeJobQueueContract('memory, manual clock, maxReceiveCount 2', async () => makeQueueFixture('manual', 2));
// The default (system clock) path the CLI demo runs on. Late checks are safe (receives long-poll);
// "still invisible" checks get a 2 s window, far more than two in-process calls take even on a busy machine.
describeJobQueueContract('memory, real time', async () => makeQueueFixture('real'), { visibilitySeconds: 2, marginMs: 300 });
