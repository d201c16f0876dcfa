import type { ReceiveOptions } from '@wordfreq/core';
import { badInput } from './bad-input.js';

/** SQS's documented limits, checked before the request so the error names the setting. */
export const sqsLimits = {
  maxMessages: 10,
  maxWaitSeconds: 20,
  maxVisibilitySeconds: 43_200,
  maxAttributes: 10,
} as const;

const attributeName = /^(?!aws\.|amazon\.)(?!\.)(?!.*\.\.)[A-Za-z0-9_.-]{1,256}(?<!\.)$/i;

export function validateReceiveOptions(queue: string, options: ReceiveOptions): void {
  integerIn(options.max, 1, sqsLimits.maxMessages, `receive max on queue ${queue}`);
  integerIn(options.waitSeconds, 0, sqsLimits.maxWaitSeconds, `receive waitSeconds on queue ${queue}`);
  integerIn(options.visibilitySeconds, 0, sqsLimits.maxVisibilitySeconds, `receive visibilitySeconds on queue ${queue}`);
}

export function validateVisibilitySeconds(queue: string, seconds: number): void {
  integerIn(seconds, 0, sqsLimits.maxVisibilitySeconds, `visibility seconds on queue ${queue}`);
}

export function validateMessage(queue: string, body: string, attributes: Readonly<Record<string, string>>): void {
  if (typeof body !== 'string' || body.length === 0) throw badInput(`message body for queue ${queue} must be a non-empty string`);
  const names = Object.keys(attributes);
  if (names.length > sqsLimits.maxAttributes) {
    throw badInput(`message for queue ${queue} has ${names.length} attributes; SQS allows ${sqsLimits.maxAttributes}`);
  }
  for (const name of names) {
    if (!attributeName.test(name)) {
      throw badInput(
        `attribute name "${name}" on queue ${queue} is invalid; use up to 256 letters, digits, _ - . (no aws./amazon. prefix, no leading, trailing or doubled dots)`,
      );
    }
    const value = attributes[name];
    if (typeof value !== 'string' || value.length === 0) throw badInput(`attribute "${name}" on queue ${queue} must be a non-empty string`);
  }
}

function integerIn(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${what} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
