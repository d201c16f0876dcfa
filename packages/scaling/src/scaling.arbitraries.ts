import fc from 'fast-check';
import { lambdaConfig, targetTrackingPolicy, type Deployment, type Ec2Fleet, type LambdaConfig, type MetricSample, type PolicyObservation, type StepScalingPolicy, type TargetTrackingPolicy } from '@wordfreq/core';
import type { Workload } from './workload.js';

/** Test-only generators of scenarios small enough to simulate a hundred times per property. */
export const workloadArb: fc.Arbitrary<Workload> = fc.record({
  arrivals: fc.oneof(
    fc.record({ kind: fc.constant('burst' as const), count: fc.integer({ min: 1, max: 60 }), atSeconds: fc.integer({ min: 0, max: 120 }) }),
    fc.record({
      kind: fc.constant('rate' as const),
      count: fc.integer({ min: 1, max: 60 }),
      perMinute: fc.integer({ min: 1, max: 120 }),
      pattern: fc.constantFrom('poisson' as const, 'even' as const),
    }),
  ),
  service: fc.oneof(
    fc.record({ kind: fc.constant('fixed' as const), seconds: fc.integer({ min: 1, max: 60 }) }),
    fc.integer({ min: 1, max: 40 }).chain((minSeconds) =>
      fc.record({ kind: fc.constant('uniform' as const), minSeconds: fc.constant(minSeconds), maxSeconds: fc.integer({ min: minSeconds, max: 60 }) }),
    ),
    fc.record({
      kind: fc.constant('sizes' as const),
      bytes: fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 10 }),
      megabytesPerSecond: fc.double({ min: 0.1, max: 50, noNaN: true }),
      overheadSeconds: fc.integer({ min: 1, max: 20 }),
    }),
  ),
});

/** Fleets that can always run jobs (min >= 1), so every job must complete. */
export const fleetArb: fc.Arbitrary<Ec2Fleet> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 6 }), fc.nat())
  .chain(([min, extra, pick]) =>
    fc.record({
      min: fc.constant(min),
      max: fc.constant(min + extra),
      desired: fc.constant(min + (pick % (extra + 1))),
      bootSeconds: fc.integer({ min: 0, max: 200 }),
      concurrencyPerInstance: fc.integer({ min: 1, max: 4 }),
      pricePerInstanceHour: fc.constant(0.0116),
      minimumBilledSeconds: fc.constant(60),
    }),
  );

export const stepPolicyArb: fc.Arbitrary<StepScalingPolicy> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.nat(), fc.integer({ min: 1, max: 40 }))
  .chain(([evaluationPeriods, pick, outAt]) =>
    fc.record({
      kind: fc.constant('step' as const),
      metric: fc.constantFrom('visible' as const, 'backlog-per-instance' as const),
      statistic: fc.constantFrom('average' as const, 'maximum' as const, 'minimum' as const),
      periodSeconds: fc.constantFrom(60, 120, 300),
      evaluationPeriods: fc.constant(evaluationPeriods),
      datapointsToAlarm: fc.constant(1 + (pick % evaluationPeriods)),
      scaleOut: fc.array(fc.record({ atLeast: fc.integer({ min: outAt, max: outAt + 50 }), add: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3 }),
      scaleIn: fc.array(fc.record({ atMost: fc.integer({ min: 0, max: outAt - 1 }), remove: fc.integer({ min: 1, max: 3 }) }), { maxLength: 2 }),
      cooldownSeconds: fc.integer({ min: 0, max: 600 }),
    }),
  );

export const targetPolicyArb: fc.Arbitrary<TargetTrackingPolicy> = fc
  .record({
    target: fc.double({ min: 0.5, max: 50, noNaN: true }),
    scaleOutDatapoints: fc.integer({ min: 1, max: 5 }),
    scaleInDatapoints: fc.integer({ min: 1, max: 20 }),
    scaleOutCooldownSeconds: fc.integer({ min: 0, max: 600 }),
    scaleInCooldownSeconds: fc.integer({ min: 0, max: 600 }),
  })
  .map(({ target, ...rest }) => targetTrackingPolicy(target, rest));

export const lambdaArb: fc.Arbitrary<LambdaConfig> = fc
  .record({
    concurrencyLimit: fc.integer({ min: 1, max: 50 }),
    initialConcurrency: fc.integer({ min: 1, max: 10 }),
    scaleUpPerMinute: fc.integer({ min: 1, max: 100 }),
    coldStartSeconds: fc.double({ min: 0, max: 5, noNaN: true }),
    keepWarmSeconds: fc.integer({ min: 0, max: 600 }),
  })
  .map((overrides) => lambdaConfig(overrides));

export const deploymentArb: fc.Arbitrary<Deployment> = fc.oneof(
  fc.record({ kind: fc.constant('ec2' as const), fleet: fleetArb, policy: fc.oneof(stepPolicyArb, targetPolicyArb) }),
  fc.record({ kind: fc.constant('lambda' as const), lambda: lambdaArb }),
);

export const metricsArb = fc.record({
  sampleSeconds: fc.constantFrom(10, 30, 60),
  evaluationSeconds: fc.constantFrom(10, 60, 120),
  delaySeconds: fc.constantFrom(0, 0, 60, 150),
});

/** Any moment a policy could be asked about: metric history, group state and recent actions. */
export const observationArb: fc.Arbitrary<PolicyObservation> = fc
  .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10 }), fc.nat(), fc.integer({ min: 0, max: 7200 }))
  .chain(([min, extra, pick, now]) =>
    fc.record({
      now: fc.constant(now),
      samples: fc
        .array(fc.record({ visible: fc.integer({ min: 0, max: 500 }), inService: fc.integer({ min: 0, max: 20 }) }), { maxLength: 30 })
        .map((values): MetricSample[] => values.map((v, i) => ({ t: now - (values.length - 1 - i) * 60, ...v }))),
      metricsEnd: fc.constant(now),
      desired: fc.constant(min + (pick % (extra + 1))),
      inService: fc.integer({ min: 0, max: min + extra }),
      bounds: fc.constant({ min, max: Math.max(1, min + extra) }),
      lastScaleOutAt: fc.option(fc.integer({ min: 0, max: now }), { nil: undefined }),
      lastScaleInAt: fc.option(fc.integer({ min: 0, max: now }), { nil: undefined }),
    }),
  );
