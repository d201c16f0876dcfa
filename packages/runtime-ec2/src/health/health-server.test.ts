import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerStatus } from '../worker/queue-worker.js';
import { judgeHealth, startHealthServer, type HealthServer } from './health-server.js';

const running: WorkerStatus = {
  state: 'running',
  concurrency: 2,
  inFlight: 1,
  received: 5,
  ended: { acked: 4, 'dead-lettered': 0, left: 0, released: 0 },
  receiveErrors: 0,
  stuck: [],
};

describe('judgeHealth', () => {
  it('is healthy while polling normally, even after an occasional receive error', () => {
    expect(judgeHealth(running)).toEqual({ healthy: true });
    expect(judgeHealth({ ...running, receiveErrors: 2 }).healthy).toBe(true);
  });

  it('is unhealthy while draining, once stopped, and after 3 failed receives in a row', () => {
    expect(judgeHealth({ ...running, state: 'draining' })).toEqual({ healthy: false, reason: expect.stringMatching(/draining/) });
    expect(judgeHealth({ ...running, state: 'stopped' }).healthy).toBe(false);
    expect(judgeHealth({ ...running, receiveErrors: 3 })).toEqual({ healthy: false, reason: 'the last 3 receives from the jobs queue failed' });
  });
});

const stuckJob = (messageId: string) => ({ messageId, receiveCount: 1, startedAt: '2026-12-02T00:00:00.000Z', limitReachedAt: '2026-12-02T02:00:00.000Z' });

describe('judgeHealth with stuck jobs', () => {
  it('stays healthy while some slots are stuck, and is unhealthy once every slot is', () => {
    expect(judgeHealth({ ...running, stuck: [stuckJob('m1')] })).toEqual({ healthy: true });
    expect(judgeHealth({ ...running, stuck: [stuckJob('m1'), stuckJob('m2')] })).toEqual({ healthy: false, reason: expect.stringMatching(/^2 jobs ran past their time limit .*stuck.* 2 slots/) });
  });
});

describe('health endpoint', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers 200 with the status while healthy and 503 with the reason when not', async () => {
    let status = running;
    server = await startHealthServer(() => status, { port: 0, host: '127.0.0.1' });
    const ok = await fetch(server.url);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ healthy: true, state: 'running', inFlight: 1, received: 5 });

    status = { ...running, state: 'draining' };
    const draining = await fetch(server.url);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ healthy: false, reason: expect.stringMatching(/draining/) });
  });

  it('answers HEAD without a body, 404 for other paths and 405 for other methods', async () => {
    server = await startHealthServer(() => running, { port: 0, host: '127.0.0.1' });
    const head = await fetch(server.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
    const post = await fetch(server.url, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('fails to start with the reason when the port is taken', async () => {
    server = await startHealthServer(() => running, { port: 0, host: '127.0.0.1' });
    await expect(startHealthServer(() => running, { port: server.port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
  });
});
