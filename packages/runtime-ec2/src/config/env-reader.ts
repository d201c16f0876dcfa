/**
 * Reads typed settings out of string variables while collecting every problem instead of stopping
 * at the first, so an operator fixes a broken unit file in one round trip.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The trimmed value, or undefined when unset or blank (systemd writes `VAR=` for "unset"). */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  problem(name: string, message: string): void {
    this.problems.push(`${name} ${message}`);
  }

  required(name: string, what: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) this.problem(name, `is required: set it to ${what}`);
    return value;
  }

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

  /** Seconds with an optional fraction (`0.5`), returned in milliseconds. */
  secondsAsMs(name: string, fallbackMs: number, minSeconds: number, maxSeconds: number, strictlyPositive = false): number {
    const value = this.raw(name);
    if (value === undefined) return fallbackMs;
    const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isNaN(n) || n < minSeconds || n > maxSeconds || (strictlyPositive && n === 0)) {
      const floor = strictlyPositive ? `more than ${minSeconds}` : `from ${minSeconds}`;
      this.problem(name, `must be a number of seconds ${floor} to ${maxSeconds} (fractions allowed), got '${value}'`);
      return fallbackMs;
    }
    return Math.round(n * 1000);
  }

  /** A byte size: `1048576`, `512k`, `64MiB`, `1G` (binary multiples). */
  bytes(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const match = /^(\d+)\s*([kmg]?)(i?b)?$/i.exec(value);
    if (!match || Number(match[1]) === 0) {
      this.problem(name, `must be a positive size in bytes such as 1048576, 512KiB, 64MiB or 1GiB, got '${value}'`);
      return fallback;
    }
    const power = { '': 0, k: 1, m: 2, g: 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
    const n = Number(match[1]) * 1024 ** power;
    if (!Number.isSafeInteger(n)) {
      this.problem(name, `is too large, got '${value}'`);
      return fallback;
    }
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase();
    const found = allowed.find((a) => a === lower);
    if (!found) this.problem(name, `must be one of ${allowed.join(', ')}, got '${value}'`);
    return found ?? fallback;
  }

  /** An http(s) URL such as an SQS queue URL. */
  url(name: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      this.problem(name, `must be a queue URL like https://sqs.us-east-1.amazonaws.com/123456789012/jobs, got '${value}'`);
      return undefined;
    }
    return value;
  }
}
