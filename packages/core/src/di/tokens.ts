/**
 * DI tokens, declared once. `Symbol.for` keys make them equal across duplicate copies of this package.
 * Each names the port (or configuration) bound under it.
 */
export const Tokens = {
  ObjectStore: Symbol.for('wordfreq.ObjectStore'),
  JobQueue: Symbol.for('wordfreq.JobQueue'),
  DeadLetterQueue: Symbol.for('wordfreq.DeadLetterQueue'),
  ResultStore: Symbol.for('wordfreq.ResultStore'),
  ResultPublisher: Symbol.for('wordfreq.ResultPublisher'),
  CounterStore: Symbol.for('wordfreq.CounterStore'),
  ClaimStore: Symbol.for('wordfreq.ClaimStore'),
  Mailer: Symbol.for('wordfreq.Mailer'),
  Clock: Symbol.for('wordfreq.Clock'),
  Logger: Symbol.for('wordfreq.Logger'),
  Metrics: Symbol.for('wordfreq.Metrics'),
  UploadPresigner: Symbol.for('wordfreq.UploadPresigner'),
  SpillStore: Symbol.for('wordfreq.SpillStore'),
  /** `CoreSettings` (see di/core.module.ts). */
  CoreSettings: Symbol.for('wordfreq.CoreSettings'),
} as const;
