import { describe, expect, it } from 'vitest';
import { decideLambdaConcurrency, lambdaConfig } from './lambda-concurrency.policy.js';

describe('Lambda concurrency behind SQS', () => {
  const config = lambdaConfig({ concurrencyLimit: 100, initialConcurrency: 5, scaleUpPerMinute: 60 });

  it('raises concurrency by the per-minute step while messages wait, up to the limit', () => {
    expect(decideLambdaConcurrency(config, { now: 60, visible: 500, inFlight: 5, concurrency: 5 })).toMatchObject({ action: 'scale-out', desired: 65 });
    expect(decideLambdaConcurrency(config, { now: 120, visible: 500, inFlight: 65, concurrency: 65, lastChangeAt: 60 })).toMatchObject({ action: 'scale-out', desired: 100 });
    expect(decideLambdaConcurrency(config, { now: 180, visible: 500, inFlight: 100, concurrency: 100, lastChangeAt: 120 })).toMatchObject({ action: 'none' });
  });

  it('changes at most once a minute', () => {
    expect(decideLambdaConcurrency(config, { now: 100, visible: 500, inFlight: 65, concurrency: 65, lastChangeAt: 60 })).toMatchObject({ action: 'none' });
  });

  it('falls back to the initial concurrency once the queue is empty and idle', () => {
    expect(decideLambdaConcurrency(config, { now: 600, visible: 0, inFlight: 3, concurrency: 100, lastChangeAt: 120 })).toMatchObject({ action: 'none' });
    expect(decideLambdaConcurrency(config, { now: 600, visible: 0, inFlight: 0, concurrency: 100, lastChangeAt: 120 })).toMatchObject({ action: 'scale-in', desired: 5 });
  });
});
