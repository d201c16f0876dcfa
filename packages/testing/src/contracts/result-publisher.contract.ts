import { describe, expect, it } from 'vitest';
import { parseResultMessage, toResultMessage, type JobQueue, type ResultPublisher } from '@wordfreq/core';
import { freshFixturePerTest } from './contract-helpers.js';
import type { StoreContractOptions } from './counter-store.contract.js';
import { failedResult, succeededResult } from './sample-results.js';

export interface ResultPublisherFixture {
  readonly publisher: ResultPublisher;
  /** The (empty) queue the publisher sends to, for reading back. */
  readonly resultsQueue: JobQueue;
  dispose(): Promise<void>;
}

/** ResultPublisher behaviour: messages are `wordfreq.result/v1` JSON that the core's parser accepts. */
export function describeResultPublisherContract(
  name: string,
  make: () => Promise<ResultPublisherFixture>,
  options: StoreContractOptions = {},
): void {
  describe(`ResultPublisher contract: ${name}`, () => {
    let f: ResultPublisherFixture;
    freshFixturePerTest(make, (made) => (f = made), options);

    async function receiveAll(count: number) {
      const bodies: string[] = [];
      for (let attempt = 0; attempt < count + 3 && bodies.length < count; attempt += 1) {
        const deliveries = await f.resultsQueue.receive({ max: count - bodies.length, waitSeconds: 2, visibilitySeconds: 30 });
        for (const delivery of deliveries) {
          bodies.push(delivery.body);
          await f.resultsQueue.ack(delivery);
        }
      }
      expect(bodies).toHaveLength(count);
      return bodies;
    }

    it('publishes succeeded and failed results as messages the core parser reads back exactly', async () => {
      const results = [succeededResult('uploads', 'ok ünï+code.txt'), failedResult('uploads', 'missing.txt')];
      for (const result of results) await f.publisher.publish(result);
      const parsed = (await receiveAll(2)).map(parseResultMessage);
      const byId = (a: { resultId: string }, b: { resultId: string }) => (a.resultId < b.resultId ? -1 : 1);
      expect(parsed.sort(byId)).toEqual(results.map(toResultMessage).sort(byId));
    });

    it('publishes a repeated result with the same resultId, so consumers can drop the duplicate', async () => {
      const result = succeededResult('uploads', 'twice.txt');
      await f.publisher.publish(result);
      await f.publisher.publish(result);
      const ids = (await receiveAll(2)).map((body) => parseResultMessage(body).resultId);
      expect(ids).toEqual([result.resultId, result.resultId]);
    });
  });
}
