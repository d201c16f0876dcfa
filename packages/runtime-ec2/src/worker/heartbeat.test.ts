import { createMemorySystem, ManualClock, MemoryLogger } from '@wordfreq/adapters-memory';
import { TransientError } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { startHeartbeat } from './heartbeat.js';
import { advance } from './worker.test-support.js';

async function received(visibilitySeconds: number) {
  const clock = new ManualClock();
  const system = createMemorySystem({ clock });
  await system.jobs.send('{"bucket":"b","key":"k"}');
  const [delivery] = await system.jobs.receive({ max: 1, waitSeconds: 0, visibilitySeconds });
  return { clock, queue: system.jobs, delivery, logger: new MemoryLogger() };
}

describe('startHeartbeat', () => {
  it('extends by a full timeout at every half timeout until stopped, then never again', async () => {
    const { clock, queue, delivery, logger } = await received(10);
    const heartbeat = startHeartbeat(queue, delivery, { visibilitySeconds: 10, clock, logger });
    await advance(clock, 60_000, 1000);
    expect(heartbeat.beats).toBe(12);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 1 });
    await heartbeat.stop();
    await advance(clock, 10_000, 1000);
    expect(heartbeat.beats).toBe(12);
    expect(await queue.depth()).toEqual({ visible: 1, inFlight: 0 });
  });

  it('retries a failed extend after a quarter interval, before the visibility runs out', async () => {
    const { clock, queue, delivery, logger } = await received(4);
    const extend = queue.extend.bind(queue);
    let failures = 1;
    queue.extend = async (d, s) => {
      if (failures-- > 0) throw new TransientError('throttled');
      return extend(d, s);
    };
    const heartbeat = startHeartbeat(queue, delivery, { visibilitySeconds: 4, clock, logger });
    await advance(clock, 2000, 500);
    expect(heartbeat.beats).toBe(0); // the beat at 2 s failed
    await advance(clock, 500, 500);
    expect(heartbeat.beats).toBe(1); // retried at 2.5 s
    await advance(clock, 6500, 500);
    expect(heartbeat.beats).toBe(4); // then every 2 s: 4.5, 6.5, 8.5
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 1 });
    expect(logger.at('warn').map((e) => e.message)).toEqual(['could not extend message visibility']);
    await heartbeat.stop();
  });

  it('gives up once the message is no longer in flight under this receive', async () => {
    const { clock, queue, delivery, logger } = await received(4);
    await queue.release(delivery);
    await queue.receive({ max: 1, waitSeconds: 0, visibilitySeconds: 30 });
    const heartbeat = startHeartbeat(queue, delivery, { visibilitySeconds: 4, clock, logger });
    await advance(clock, 20_000, 500);
    expect(heartbeat.beats).toBe(0);
    expect(logger.at('warn').map((e) => e.message)).toEqual(['message visibility lost; another worker may run this job too']);
    await heartbeat.stop();
  });

  it('never asks for visibility past 12 hours after the receive: the last beat reaches the cap, then it stops and says so once', async () => {
    const { clock, queue, delivery, logger } = await received(600);
    const receivedAt = clock.now();
    const capMs = receivedAt.getTime() + 12 * 3600 * 1000;
    const asked: { at: number; seconds: number }[] = [];
    const extend = queue.extend.bind(queue);
    queue.extend = async (d, seconds) => {
      asked.push({ at: clock.now().getTime(), seconds });
      return extend(d, seconds);
    };
    // Started a minute after the receive (the message waited for a slot): the cap still counts from the receive.
    clock.advance(60_000);
    const heartbeat = startHeartbeat(queue, delivery, { visibilitySeconds: 600, clock, logger, receivedAt });
    await advance(clock, 13 * 3600 * 1000, 60_000);

    expect(asked.length).toBeGreaterThan(100);
    expect(asked.every(({ at, seconds }) => at + seconds * 1000 <= capMs)).toBe(true);
    const last = asked[asked.length - 1];
    expect(last.at + last.seconds * 1000).toBe(capMs);
    expect(heartbeat.beats).toBe(asked.length);
    expect(logger.at('warn').map((e) => e.message)).toEqual([expect.stringMatching(/^visibility cap reached/)]);
    // Past the cap the message is visible again, for another worker.
    expect(await queue.depth()).toEqual({ visible: 1, inFlight: 0 });
    await heartbeat.stop();
  });
});
