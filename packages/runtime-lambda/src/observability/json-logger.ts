import type { LogFields, Logger } from '@wordfreq/core';
import { currentInvocation } from './invocation-context.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function isLogLevel(value: string): value is LogLevel {
  return Object.hasOwn(rank, value);
}

export interface JsonLoggerOptions {
  /** Receives one JSON document per call, without the newline. Default: stdout. */
  readonly write?: (line: string) => void;
  /** Lines below this level are dropped. Default `info`. */
  readonly level?: LogLevel;
  /** Fields on every line (e.g. the handler name). */
  readonly base?: LogFields;
}

/**
 * One JSON object per line, as CloudWatch Logs Insights expects: `level`, `time`, `message`, the
 * current invocation's `requestId`, then the caller's fields. Errors become `{ name, code, message,
 * stack }` because `JSON.stringify(new Error())` is `{}`.
 */
export class JsonLogger implements Logger {
  private readonly write: (line: string) => void;
  private readonly threshold: number;
  private readonly base: LogFields;

  constructor(options: JsonLoggerOptions = {}) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.threshold = rank[options.level ?? 'info'];
    this.base = options.base ?? {};
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
    const invocation = currentInvocation();
    const line = {
      level,
      time: new Date().toISOString(),
      message,
      ...(invocation ? { requestId: invocation.requestId } : {}),
      ...this.base,
      ...fields,
    };
    this.write(safeStringify(line));
  }
}

function safeStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Error) return serializeError(v);
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[Circular]';
      seen.add(v);
    }
    return v;
  });
}

function serializeError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    ...(code === undefined ? {} : { code }),
    message: error.message,
    stack: error.stack,
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  };
}
