export type LogFields = Readonly<Record<string, unknown>>;

/** The Logger's methods as severities, least severe first; loggers may drop lines below a threshold. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logging; adapters decide the format (JSON lines in the runtimes). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
