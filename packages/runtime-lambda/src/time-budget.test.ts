import { describe, expect, it } from 'vitest';
import { DeadlineError, TimeBudget } from './time-budget.js';

describe('TimeBudget', () => {
  it('subtracts the margin from what the context reports', () => {
    let remaining = 5_000;
    const budget = new TimeBudget(() => remaining, 1_500);
    expect(budget.left()).toBe(3_500);
    expect(budget.exhausted()).toBe(false);
    remaining = 1_500;
    expect(budget.exhausted()).toBe(true);
  });

  it('gives an already aborted signal, with a reason that says why, once the margin is reached', () => {
    const { signal, dispose } = new TimeBudget(() => 900, 1_000).deadline();
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DeadlineError);
    expect(String(signal.reason.message)).toMatch(/within 1000 ms of its timeout/);
    dispose();
  });

  it('aborts the signal when the budget runs out', async () => {
    const { signal, dispose } = new TimeBudget(() => 1_005, 1_000).deadline();
    expect(signal.aborted).toBe(false);
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    expect(signal.reason).toBeInstanceOf(DeadlineError);
    dispose();
  });
});
