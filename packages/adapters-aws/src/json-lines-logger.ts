import type { LogFields, Logger } from '@wordfreq/core';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Readonly<Record<Level, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLinesLoggerOptions {
  readonly level?: Level;
  /** Default stdout (CloudWatch Logs collects it on Lambda and through the agent on EC2). */
  readonly write?: (line: string) => void;
  readonly now?: () => Date;
}

/**
 * A `Logger` writing one JSON object per line: `{"time","level","message",...fields}`. Errors in fields
 * are written with name, message and code rather than as `{}`.
 */
export class JsonLinesLogger implements Logger {
  readonly #min: number;
  readonly #write: (line: string) => void;
  readonly #now: () => Date;

  constructor(options: JsonLinesLoggerOptions = {}) {
    this.#min = order[options.level ?? 'info'];
    this.#write = options.write ?? ((line) => void process.stdout.write(`${line}\n`));
    this.#now = options.now ?? (() => new Date());
  }

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

  #log(level: Level, message: string, fields: LogFields = {}): void {
    if (order[level] < this.#min) return;
    this.#write(JSON.stringify({ time: this.#now().toISOString(), level, message, ...fields }, errorsAsObjects));
  }
}

function errorsAsObjects(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, ...('code' in value ? { code: (value as { code: unknown }).code } : {}) };
  }
  return value;
}
