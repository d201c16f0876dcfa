import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';

describe('ManualClock', () => {
  it('stands still until advanced', () => {
    const clock = new ManualClock(new Date('2024-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2024-01-01T00:00:00.000Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2024-01-01T00:00:01.500Z');
  });

  it('wakes sleepers in deadline order, each seeing its own deadline as now', async () => {
    const clock = new ManualClock(0);
    const woke: Array<[string, number]> = [];
    const sleeps = [
      clock.sleep(300).then(() => woke.push(['300', clock.now().getTime()])),
      clock.sleep(100).then(() => woke.push(['100', clock.now().getTime()])),
      clock.sleep(200).then(() => woke.push(['200', clock.now().getTime()])),
    ];
    expect(clock.pendingSleeps).toBe(3);
    clock.advance(250);
    await Promise.all(sleeps.slice(1));
    expect(woke.map(([name]) => name)).toEqual(['100', '200']);
    expect(clock.pendingSleeps).toBe(1);
    clock.advance(50);
    await sleeps[0];
    expect(woke.map(([name]) => name)).toEqual(['100', '200', '300']);
  });

  it('resolves a zero sleep at once and rejects an aborted one with the reason', async () => {
    const clock = new ManualClock();
    await clock.sleep(0);
    const abort = new AbortController();
    const sleeping = clock.sleep(1000, abort.signal);
    abort.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
    expect(clock.pendingSleeps).toBe(0);
    await expect(clock.sleep(10, abort.signal)).rejects.toThrow('stopped');
  });

  it('never goes backwards', () => {
    const clock = new ManualClock(new Date('2024-01-01T00:00:00Z'));
    expect(() => clock.set(new Date('2023-12-31T23:59:59Z'))).toThrow(/before the current time/);
    expect(() => clock.advance(-1)).toThrow(/>= 0/);
    clock.set(new Date('2024-01-02T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2024-01-02T00:00:00.000Z');
  });

  it("with onSleep 'advance', a sleep moves the clock to its deadline at once and wakes waiters on the way", async () => {
    const clock = new ManualClock(0, { onSleep: 'advance' });
    const woke: number[] = [];
    await clock.sleep(0);
    await clock.sleep(10_000);
    expect(clock.now().getTime()).toBe(10_000);
    expect(clock.pendingSleeps).toBe(0);
    await Promise.all([clock.sleep(5).then(() => woke.push(clock.now().getTime())), clock.sleep(7).then(() => woke.push(clock.now().getTime()))]);
    expect(clock.now().getTime()).toBe(10_012);
    expect(woke).toEqual([10_012, 10_012]);
    const abort = new AbortController();
    const endless = clock.sleep(Infinity, abort.signal);
    expect(clock.pendingSleeps).toBe(1);
    abort.abort(new Error('stopped'));
    await expect(endless).rejects.toThrow('stopped');
    await expect(clock.sleep(10, abort.signal)).rejects.toThrow('stopped');
    expect(clock.now().getTime()).toBe(10_012);
  });

  it('records every sleep asked for, in order, in both modes', async () => {
    const advancing = new ManualClock(0, { onSleep: 'advance' });
    await advancing.sleep(7);
    await advancing.sleep(0);
    expect(advancing.sleeps).toEqual([7, 0]);
    const waiting = new ManualClock(0);
    const sleeping = waiting.sleep(300);
    void waiting.sleep(100);
    expect(waiting.sleeps).toEqual([300, 100]);
    waiting.advance(300);
    await sleeping;
    expect(waiting.now().getTime()).toBe(300);
  });
});
