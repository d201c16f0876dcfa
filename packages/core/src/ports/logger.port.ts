export type LogFields = Readonly<Record<string, unknown>>;

/** Structured logging; adapters decide the format (JSON lines in the runtimes). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
