import type { StackChoice } from '../../src/wordfreq-app.js';

/** One combination of the app's context values (`-c name=value`), synthesised once per test run. */
export interface Variant {
  readonly name: string;
  readonly stack: StackChoice;
  readonly context: Readonly<Record<string, string>>;
}

/** Where the test site folder is; any folder works, BucketDeployment only zips it. */
export const siteFixtureDir = new URL('../fixtures/site/', import.meta.url).pathname;

export const domainContext = { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com', domainName: 'travel.example.com' } as const;

/** Every variant the issue asks for: runtime ec2/lambda x scaling seed/target x spot; MyTravel with and without a domain. */
export const variants: readonly Variant[] = [
  { name: 'ec2-seed', stack: 'WordFreq', context: { runtime: 'ec2', scaling: 'seed' } },
  { name: 'ec2-seed-spot', stack: 'WordFreq', context: { runtime: 'ec2', scaling: 'seed', spot: 'true' } },
  { name: 'ec2-target', stack: 'WordFreq', context: { runtime: 'ec2', scaling: 'target' } },
  { name: 'ec2-target-spot-dev', stack: 'WordFreq', context: { runtime: 'ec2', scaling: 'target', spot: 'true', dev: 'true' } },
  { name: 'lambda', stack: 'WordFreq', context: { runtime: 'lambda', lambdaMaxConcurrency: '20', jobDelaySeconds: '10' } },
  { name: 'mytravel', stack: 'MyTravel', context: { mailFrom: 'hello@mytravel.example', mailTo: 'owner@mytravel.example,team@mytravel.example' } },
  {
    name: 'mytravel-domain-site-dev',
    stack: 'MyTravel',
    context: { mailFrom: 'hello@mytravel.example', mailTo: 'owner@mytravel.example', ...domainContext, siteDirectory: siteFixtureDir, dev: 'true', glacierAfterDays: '7' },
  },
];

export function variant(name: string): Variant {
  const found = variants.find((v) => v.name === name);
  if (!found) throw new Error(`no variant ${name}`);
  return found;
}
