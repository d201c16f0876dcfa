export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads typed settings out of a function's environment variables, collecting every problem instead of
 * stopping at the first: a Lambda that fails its init shows all of them in one log line, so one
 * `update-function-configuration` fixes it.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset or blank. */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  problem(name: string, message: string): void {
    this.problems.push(`${name} ${message}`);
  }

  /** `what` completes "set it to ...", e.g. "the results table name". */
  required(name: string, what: string): string {
    const value = this.raw(name);
    if (value === undefined) this.problem(name, `is required: set it to ${what}`);
    return value ?? '';
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.problem(name, `must be a whole number from ${min} to ${max}, got '${value}'`);
      return fallback;
    }
    return n;
  }

  /** Seconds, fractions allowed (`0.5`), returned in milliseconds. */
  secondsAsMs(name: string, fallbackMs: number, maxSeconds: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallbackMs;
    const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isNaN(n) || n > maxSeconds) {
      this.problem(name, `must be a number of seconds from 0 to ${maxSeconds} (fractions allowed), got '${value}'`);
      return fallbackMs;
    }
    return Math.round(n * 1000);
  }

  /** A byte size: `1048576`, `512KiB`, `64MiB`, `1G` (binary multiples). */
  bytes(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const match = /^(\d+)\s*([kmg]?)(i?b)?$/i.exec(value);
    const n = match ? Number(match[1]) * 1024 ** ({ '': 0, k: 1, m: 2, g: 3 } as const)[(match[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'] : Number.NaN;
    if (!Number.isSafeInteger(n) || n <= 0) {
      this.problem(name, `must be a positive size in bytes such as 1048576, 512KiB or 64MiB, got '${value}'`);
      return fallback;
    }
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const found = allowed.find((a) => a === value.toLowerCase());
    if (!found) this.problem(name, `must be one of ${allowed.join(', ')}, got '${value}'`);
    return found ?? fallback;
  }

  /** An http(s) URL, e.g. an SQS queue URL; `example` shows the expected form in the message. */
  url(name: string, value: string, example: string): string {
    if (value === '') return value;
    let ok = false;
    try {
      const parsed = new URL(value);
      ok = parsed.protocol === 'https:' || parsed.protocol === 'http:';
    } catch {
      ok = false;
    }
    if (!ok) this.problem(name, `must be a URL like ${example}, got '${value}'`);
    return value;
  }

  /** A comma-separated list of positive whole numbers, sorted and without repeats. */
  positiveIntegers(name: string, what: string): number[] {
    const value = this.required(name, what);
    if (value === '') return [];
    const parts = value.split(',').map((p) => p.trim().replace(/_/g, ''));
    const bad = parts.filter((p) => !/^\d+$/.test(p) || !Number.isSafeInteger(Number(p)) || Number(p) === 0);
    if (bad.length > 0) {
      this.problem(name, `must be a comma-separated list of positive whole numbers such as 1000000, got '${value}'`);
      return [];
    }
    return [...new Set(parts.map(Number))].sort((a, b) => a - b);
  }

  /** A comma-separated list of email addresses (the mailer validates them further). */
  emails(name: string, what: string): string[] {
    const value = this.required(name, what);
    if (value === '') return [];
    const addresses = value.split(',').map((a) => a.trim()).filter((a) => a !== '');
    const bad = addresses.filter((a) => !/^[^\s@,<>"]+@[^\s@,<>"]+$/.test(a));
    if (bad.length > 0) this.problem(name, `must be email addresses separated by commas, got ${bad.map((b) => `'${b}'`).join(', ')}`);
    return addresses;
  }
}
