// The policies' properties over generated policies and observations. They live here, beside the
// simulator's arbitraries they share, because core's tests cannot import this package: the example
// tests of each policy stay in core beside the policy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideLambdaConcurrency, decideStep, decideTargetTracking, lambdaBounds, lambdaScalingIntervalSeconds } from '@wordfreq/core';
import { lambdaArb, observationArb, stepPolicyArb, targetPolicyArb } from './scaling.arbitraries.js';

describe('step scaling policy, any policy and observation', () => {
  it('never leaves [min, max] and never acts inside the cooldown', () => {
    fc.assert(
      fc.property(stepPolicyArb, observationArb, (policy, observation) => {
        const decision = decideStep(policy, observation);
        if (decision.action === 'none') return;
        expect(decision.desired).toBeGreaterThanOrEqual(observation.bounds.min);
        expect(decision.desired).toBeLessThanOrEqual(observation.bounds.max);
        expect(decision.desired).not.toBe(observation.desired);
        expect(decision.action === 'scale-out').toBe(decision.desired > observation.desired);
        const last = Math.max(observation.lastScaleOutAt ?? -Infinity, observation.lastScaleInAt ?? -Infinity);
        expect(observation.now - last).toBeGreaterThanOrEqual(policy.cooldownSeconds);
      }),
    );
  });
});

describe('target tracking policy, any policy and observation', () => {
  it('never leaves [min, max] and never acts inside a cooldown', () => {
    fc.assert(
      fc.property(targetPolicyArb, observationArb, (p, observation) => {
        const decision = decideTargetTracking(p, observation);
        if (decision.action === 'none') return;
        expect(decision.desired).toBeGreaterThanOrEqual(observation.bounds.min);
        expect(decision.desired).toBeLessThanOrEqual(observation.bounds.max);
        const sinceOut = observation.now - (observation.lastScaleOutAt ?? -Infinity);
        const sinceAny = Math.min(sinceOut, observation.now - (observation.lastScaleInAt ?? -Infinity));
        if (decision.action === 'scale-out') {
          expect(decision.desired).toBeGreaterThan(observation.desired);
          expect(sinceOut).toBeGreaterThanOrEqual(p.scaleOutCooldownSeconds);
        } else {
          expect(decision.desired).toBeLessThan(observation.desired);
          expect(sinceAny).toBeGreaterThanOrEqual(p.scaleInCooldownSeconds);
        }
      }),
    );
  });
});

describe('Lambda concurrency behind SQS, any configuration', () => {
  it('stays within its floor and limit and changes at most once per interval', () => {
    fc.assert(
      fc.property(lambdaArb, fc.nat(1000), fc.nat(50), fc.nat(3600), fc.option(fc.nat(3600), { nil: undefined }), (c, visible, inFlight, now, lastChangeAt) => {
        const { min, max } = lambdaBounds(c);
        const concurrency = Math.min(max, min + (visible % (max - min + 1)));
        const decision = decideLambdaConcurrency(c, { now, visible, inFlight, concurrency, lastChangeAt });
        if (decision.action === 'none') return;
        expect(decision.desired).toBeGreaterThanOrEqual(min);
        expect(decision.desired).toBeLessThanOrEqual(max);
        expect(now - (lastChangeAt ?? -Infinity)).toBeGreaterThanOrEqual(lambdaScalingIntervalSeconds);
      }),
    );
  });
});
