import { Annotations, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { placeholderMail, scalingPolicyFor, type AppOptions } from './app-options.js';
import { MyTravelStack } from './mytravel/mytravel-stack.js';
import { suppressReviewedFindings } from './nag-suppressions.js';
import { WordFreqStack } from './wordfreq/wordfreq-stack.js';

export interface WordFreqApp {
  readonly wordFreq?: WordFreqStack;
  readonly myTravel?: MyTravelStack;
}

export type StackChoice = 'WordFreq' | 'MyTravel';

/**
 * Both systems' stacks, environment-agnostic (deploy them to whatever account and region the CLI's
 * credentials name), with the reviewed acknowledgements of cdk-nag findings (see `checkWithCdkNag`).
 */
export function addWordFreqStacks(app: App, options: AppOptions, only?: StackChoice): WordFreqApp {
  const wordFreq = only === 'MyTravel' ? undefined : new WordFreqStack(app, 'WordFreq', {
    description: `WordFreq: uploads -> jobs queue -> ${options.runtime} workers -> results table and queue`,
    runtime: options.runtime,
    scalingPolicy: scalingPolicyFor(options),
    spot: options.spot,
    dev: options.dev,
    workerConcurrency: options.workerConcurrency,
    ...pick(options, ['minInstances', 'maxInstances', 'jobDelaySeconds', 'lambdaMaxConcurrency', 'corpusMaxConcurrency', 'alarmEmail']),
  });
  const myTravel = only === 'WordFreq' ? undefined : new MyTravelStack(app, 'MyTravel', {
    description: 'MyTravel: site and uploads, backups to Glacier, visit counter, milestone mail',
    mailFrom: options.mailFrom,
    mailTo: options.mailTo,
    dev: options.dev,
    ...pick(options, ['milestones', 'glacierAfterDays', 'domain', 'siteDirectory', 'alarmEmail']),
  });
  if (myTravel && (options.mailFrom === placeholderMail || options.mailTo.includes(placeholderMail))) {
    Annotations.of(myTravel).addWarningV2('wordfreq:placeholder-mail', `the milestone mail uses ${placeholderMail}: deploy with -c mailFrom=you@example.org -c mailTo=a@example.org,b@example.org`);
  }
  for (const stack of [wordFreq, myTravel]) if (stack) suppressReviewedFindings(stack);
  return { ...(wordFreq ? { wordFreq } : {}), ...(myTravel ? { myTravel } : {}) };
}

/** cdk-nag's AwsSolutions pack as a policy validation plugin: synth reports its unacknowledged findings. */
export function checkWithCdkNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}
