/**
 * A problem with what the user typed or pointed us at (bad flag, unreadable file). The CLI prints its
 * message on one line and exits with code 2, without a stack trace.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
