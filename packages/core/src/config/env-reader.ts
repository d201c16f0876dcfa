import { ConfigError, WordFreqError } from '../errors.js';

/** Environment variables, or any name-to-string settings (`process.env` fits). */
export type Env = Readonly<Record<string, string | undefined>>;

const sizePowers = { '': 0, k: 1, m: 2, g: 3 } as const;

/**
 * Reads typed settings out of string variables, collecting every problem instead of stopping at the
 * first, so an operator fixes a broken unit file or Lambda configuration in one round trip. Each
 * reader returns a fallback when the value is bad; `throwIfProblems` then throws one `ConfigError`
 * listing all of them, each starting with the variable's name.
 */
export class EnvReader {
  readonly #problems: string[] = [];

  constructor(private readonly env: Env) {}

  get problems(): readonly string[] {
    return this.#problems;
  }

  /** The trimmed value, or undefined when unset or blank (systemd writes `VAR=` for "unset"). */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** Records a problem; `message` continues the variable's name, e.g. "must be ...". */
  problem(name: string, message: string): void {
    this.#problems.push(`${name} ${message}`);
  }

  /** Runs another reader that throws `ConfigError` (e.g. the AWS adapters'), keeping its problems with ours. */
  collect<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (error instanceof ConfigError) this.#problems.push(...error.problems);
      else if (WordFreqError.hasCode(error, 'CONFIG')) this.#problems.push(error.message);
      else throw error;
      return undefined;
    }
  }

  /** Throws one `ConfigError` with every problem recorded so far, if there is any. */
  throwIfProblems(): void {
    if (this.#problems.length > 0) throw new ConfigError([...this.#problems]);
  }

  /** `what` completes "set it to ...", e.g. "the results table name". */
  required(name: string, what: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) this.problem(name, `is required: set it to ${what}`);
    return value;
  }

  /** A whole number from `min` to `max`; `value` defaults to the variable's (pass a flag's to check that). */
  integer(name: string, fallback: number, min: number, max: number, value = this.raw(name)): number {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value)) {
      this.problem(name, `must be a whole number from ${min} to ${max}, got '${value}'`);
      return fallback;
    }
    const n = Number(value);
    if (n < min || n > max) {
      this.problem(name, `must be from ${min} to ${max}, got ${value}`);
      return fallback;
    }
    return n;
  }

  /** Seconds from 0 (or more than 0 with `positive`) to `maxSeconds`, fractions allowed (`0.5`), in milliseconds. */
  secondsAsMs(name: string, fallbackMs: number, maxSeconds: number, options: { readonly positive?: boolean } = {}): number {
    const value = this.raw(name);
    if (value === undefined) return fallbackMs;
    const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isNaN(n) || n > maxSeconds || (options.positive === true && n === 0)) {
      const floor = options.positive === true ? 'more than 0' : 'from 0';
      this.problem(name, `must be a number of seconds ${floor} to ${maxSeconds} (fractions allowed), got '${value}'`);
      return fallbackMs;
    }
    return Math.round(n * 1000);
  }

  /** A byte size: `1048576`, `512k`, `512KiB`, `64MiB`, `1G` (binary multiples). */
  bytes(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const match = /^(\d+)\s*([kmg]?)(i?b)?$/i.exec(value);
    if (!match || Number(match[1]) === 0) {
      this.problem(name, `must be a positive size in bytes such as 1048576, 512KiB or 64MiB, got '${value}'`);
      return fallback;
    }
    const n = Number(match[1]) * 1024 ** sizePowers[match[2].toLowerCase() as keyof typeof sizePowers];
    if (!Number.isSafeInteger(n)) {
      this.problem(name, `is too large: sizes must stay below 8 PiB, got '${value}'`);
      return fallback;
    }
    return n;
  }

  /** One of `allowed`, compared in lower case. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase();
    const found = allowed.find((a) => a === lower);
    if (!found) this.problem(name, `must be one of ${allowed.join(', ')}, got '${value}'`);
    return found ?? fallback;
  }

  /**
   * An http(s) URL; undefined when `value` is undefined or not such a URL. `expected` completes
   * "must be ...", e.g. "a queue URL like https://sqs.us-east-1.amazonaws.com/123456789012/jobs".
   */
  httpUrl(name: string, value: string | undefined, expected: string): string | undefined {
    if (value === undefined) return undefined;
    let protocol: string | undefined;
    try {
      protocol = new URL(value).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'https:' && protocol !== 'http:') {
      this.problem(name, `must be ${expected}, got '${value}'`);
      return undefined;
    }
    return value;
  }

  /** A required comma-separated list of positive whole numbers (`_` allowed as a separator), sorted and without repeats. */
  positiveIntegers(name: string, what: string): number[] {
    const value = this.required(name, what);
    if (value === undefined) return [];
    const parts = value.split(',').map((p) => p.trim().replace(/_/g, ''));
    const bad = parts.filter((p) => !/^\d+$/.test(p) || !Number.isSafeInteger(Number(p)) || Number(p) === 0);
    if (bad.length > 0) {
      this.problem(name, `must be a comma-separated list of positive whole numbers such as 1000000, got '${value}'`);
      return [];
    }
    return [...new Set(parts.map(Number))].sort((a, b) => a - b);
  }

  /** A required comma-separated list of email addresses; only their shape is checked here (the mailer checks them fully). */
  emails(name: string, what: string): string[] {
    const value = this.required(name, what);
    if (value === undefined) return [];
    const addresses = value.split(',').map((a) => a.trim()).filter((a) => a !== '');
    const bad = addresses.filter((a) => !/^[^\s@,<>"]+@[^\s@,<>"]+$/.test(a));
    if (bad.length > 0) this.problem(name, `must be email addresses separated by commas, got ${bad.map((b) => `'${b}'`).join(', ')}`);
    return addresses;
  }
}
