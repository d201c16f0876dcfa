import type { LogFields, Logger } from '@wordfreq/core';
import type { LogLevel } from '../config/worker-config.js';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  /** Receives one JSON document per call, without the newline. Default: stdout. */
  readonly write?: (line: string) => void;
  /** Lines below this level are dropped. Default `info`. */
  readonly level?: LogLevel;
  /** Fields on every line (the worker id). */
  readonly base?: LogFields;
  readonly now?: () => Date;
}

/**
 * One JSON object per line on stdout, which journald keeps and the CloudWatch agent ships as is:
 * `time`, `level`, `message`, the base fields, then the caller's. Errors become
 * `{ name, code, message, cause }` because `JSON.stringify(new Error())` is `{}`.
 */
export class JsonLogger implements Logger {
  private readonly write: (line: string) => void;
  private readonly threshold: number;
  private readonly base: LogFields;
  private readonly now: () => Date;

  constructor(options: JsonLoggerOptions = {}) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.threshold = rank[options.level ?? 'info'];
    this.base = options.base ?? {};
    this.now = options.now ?? (() => new Date());
  }

  debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  private log(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (rank[level] < this.threshold) return;
    this.write(safeStringify({ time: this.now().toISOString(), level, message, ...this.base, ...fields }));
  }
}

function safeStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Error) return describeError(v);
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[Circular]';
      seen.add(v);
    }
    return v;
  });
}

/** The parts of an error worth a log line; the stack only for errors we did not expect. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : { stack: error.stack }),
    ...(error.cause !== undefined ? { cause: describeError(error.cause) } : {}),
  };
}
