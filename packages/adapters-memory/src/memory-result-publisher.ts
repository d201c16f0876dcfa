import { toResultMessage, type JobQueue, type JobResult, type ResultPublisher } from '@wordfreq/core';

/**
 * Publishes results as the core's `wordfreq.result/v1` JSON onto a queue (a `MemoryJobQueue` acting as
 * the results queue), with `resultId` and `status` also as attributes so consumers can filter cheaply.
 */
export class MemoryResultPublisher implements ResultPublisher {
  constructor(private readonly queue: JobQueue) {}

  async publish(result: JobResult): Promise<void> {
    await this.queue.send(JSON.stringify(toResultMessage(result)), { resultId: result.resultId, status: result.status });
  }
}
