import { seedStepPolicy } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { appOptionsFromContext, placeholderMail, scalingPolicyFor } from './app-options.js';

const from = (context: Record<string, string>) => appOptionsFromContext((key) => context[key]);

describe('the app options from -c context values', () => {
  it('defaults to the seed: EC2 workers, step scaling, on demand, data kept, placeholder mail', () => {
    const options = from({});
    expect(options).toMatchObject({ runtime: 'ec2', scaling: 'seed', spot: false, dev: false, mailFrom: placeholderMail });
    expect(options.domain).toBeUndefined();
    expect(scalingPolicyFor(options)).toBe(seedStepPolicy);
  });

  it('reads every problem at once, each naming its -c value and what to give', () => {
    let message = '';
    try {
      from({ runtime: 'fargate', spot: 'yes', maxInstances: '0', zoneName: 'example.org', milestones: '10,x' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const part of ['-c runtime=fargate: choose one of ec2, lambda', '-c spot=yes: choose one of true, false', '-c maxInstances=0: must be a whole number from 1 to 100', 'a domain needs all three', '-c milestones=10,x']) {
      expect(message).toContain(part);
    }
  });

  it('rejects a group whose minimum is above its maximum', () => {
    expect(() => from({ minInstances: '4', maxInstances: '3' })).toThrow(/minInstances=4 is above -c maxInstances=3/);
  });

  it('builds target tracking from acceptable latency, seconds per job and jobs per instance', () => {
    const policy = scalingPolicyFor(from({ scaling: 'target', acceptableLatencySeconds: '120', secondsPerJob: '20', workerConcurrency: '3' }));
    expect(policy.kind).toBe('target-tracking');
    expect(policy.kind === 'target-tracking' && policy.targetBacklogPerInstance).toBe((120 / 20) * 3);
  });

  it('takes a domain only whole, and lists of recipients and milestones', () => {
    const options = from({ hostedZoneId: 'Z1', zoneName: 'example.org', domainName: 'travel.example.org', mailTo: 'a@example.org, b@example.org', milestones: '1000,2000' });
    expect(options.domain).toEqual({ hostedZoneId: 'Z1', zoneName: 'example.org', domainName: 'travel.example.org' });
    expect(options.mailTo).toEqual(['a@example.org', 'b@example.org']);
    expect(options.milestones).toEqual([1000, 2000]);
  });
});
