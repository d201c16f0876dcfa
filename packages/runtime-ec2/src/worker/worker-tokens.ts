/** Bindings the EC2 runtime adds to the container, next to the core's `Tokens`. */
export const WorkerTokens = {
  /** The validated `WorkerConfig`. */
  WorkerConfig: Symbol.for('wordfreq.ec2.WorkerConfig'),
  /** Optional `() => Promise<number>`: instances in service, for the BacklogPerInstance metric. */
  InstanceCount: Symbol.for('wordfreq.ec2.InstanceCount'),
  /** Optional `() => void` closing what the composition root opened (SDK clients). */
  Dispose: Symbol.for('wordfreq.ec2.Dispose'),
} as const;
