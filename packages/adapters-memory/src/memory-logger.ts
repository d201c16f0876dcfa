import type { LogFields, Logger, LogLevel } from '@wordfreq/core';

export type { LogLevel };

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
  readonly time: Date;
}

/** A logger that keeps what it is told, for tests and the demo's summary; optionally passes it on. */
export class MemoryLogger implements Logger {
  readonly entries: LogEntry[] = [];

  constructor(private readonly options: { readonly forward?: Logger; readonly now?: () => Date } = {}) {}

  debug(message: string, fields?: LogFields): void {
    this.#log('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.#log('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.#log('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.#log('error', message, fields);
  }

  /** Entries at `level`, oldest first. */
  at(level: LogLevel): LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }

  clear(): void {
    this.entries.length = 0;
  }

  #log(level: LogLevel, message: string, fields: LogFields = {}): void {
    this.entries.push({ level, message, fields: { ...fields }, time: this.options.now?.() ?? new Date() });
    this.options.forward?.[level](message, fields);
  }
}
