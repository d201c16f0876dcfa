// The scaling policies as data and their decisions: what the runtimes and the infrastructure (alarms,
// Auto Scaling groups, Lambda event source mappings) configure. The simulator and tuner that replay
// them on a workload are in @wordfreq/scaling.
export * from './deployment.js';
export { decideEc2 } from './ec2-scaling.policy.js';
export * from './lambda-concurrency.policy.js';
export * from './metric-datapoints.js';
export * from './policy-description.js';
export * from './scaling-decision.js';
export * from './step-scaling.policy.js';
export * from './target-tracking.policy.js';
