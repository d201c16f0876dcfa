import { describe, expect, it } from 'vitest';
import { parseResultMessage } from '@wordfreq/core';
import { succeededResult } from '@wordfreq/testing';
import { MemoryJobQueue } from './memory-job-queue.js';
import { MemoryResultPublisher } from './memory-result-publisher.js';

describe('MemoryResultPublisher', () => {
  it('adds resultId and status as attributes so consumers can filter without parsing', async () => {
    const queue = new MemoryJobQueue({ name: 'results' });
    const result = succeededResult('uploads', 'a.txt');
    await new MemoryResultPublisher(queue).publish(result);
    const [delivery] = await queue.receive({ max: 1, waitSeconds: 0, visibilitySeconds: 30 });
    expect(delivery.attributes).toEqual({ resultId: result.resultId, status: 'succeeded' });
    expect(parseResultMessage(delivery.body).filename).toBe('uploads/a.txt');
  });
});
