import type { LogFields, Logger, LogLevel } from '@wordfreq/core';

/** Every level, least severe first (for validating a configured level). */
export const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

const rank: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLinesLoggerOptions {
  /** Lines below this level are dropped. Default `info`. */
  readonly level?: LogLevel;
  /**
   * Receives one JSON document per call, without the newline. Default stdout, which CloudWatch Logs
   * collects on Lambda, and journald keeps and the CloudWatch agent ships on EC2.
   */
  readonly write?: (line: string) => void;
  /** Fields on every line (the worker id, the Lambda function's name). */
  readonly base?: LogFields;
  /**
   * Asked on every line for the fields of whatever is running now, e.g. the request id of the current
   * Lambda invocation kept in async-local storage. Shared singletons log through one logger, so the
   * context cannot be fixed at construction.
   */
  readonly contextFields?: () => LogFields | undefined;
  readonly now?: () => Date;
}

/**
 * A `Logger` writing one JSON object per line, as CloudWatch Logs Insights reads it: `time`, `level`,
 * `message`, the context fields, the base fields, then the caller's (later ones win). Errors become
 * `{ name, message, code | stack, cause }` because `JSON.stringify(new Error())` is `{}`; bigints
 * become strings and cycles `[Circular]`, so a log call never throws.
 */
export class JsonLinesLogger implements Logger {
  readonly #threshold: number;
  readonly #write: (line: string) => void;
  readonly #base: LogFields;
  readonly #contextFields: () => LogFields | undefined;
  readonly #now: () => Date;

  constructor(options: JsonLinesLoggerOptions = {}) {
    this.#threshold = rank[options.level ?? 'info'];
    this.#write = options.write ?? ((line) => void process.stdout.write(`${line}\n`));
    this.#base = options.base ?? {};
    this.#contextFields = options.contextFields ?? (() => undefined);
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

  #log(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (rank[level] < this.#threshold) return;
    const line = { time: this.#now().toISOString(), level, message, ...this.#contextFields(), ...this.#base, ...fields };
    this.#write(safeStringify(line));
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

/**
 * The parts of an error worth a log line: name, message, and the `code` of errors we expect (core
 * errors, Node's `ECONNRESET`) or else the stack, then the cause, described the same way.
 */
export function describeError(error: unknown): Record<string, unknown> {
  return describe(error, new Set());
}

function describe(error: unknown, seen: Set<unknown>): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  seen.add(error);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : { stack: error.stack }),
    ...(cause === undefined ? {} : { cause: seen.has(cause) ? '[Circular]' : describe(cause, seen) }),
  };
}
