import { BadInputError } from '../errors.js';
import type { ReceiveOptions } from './queue.port.js';

/**
 * SQS's documented limits. The `JobQueue` port promises SQS semantics, so every adapter checks them
 * before acting: the SQS adapter so the error names the setting instead of a 400 from AWS, the memory
 * adapter so code that works in memory does not fail on the first real request.
 */
export const sqsLimits = {
  maxMessages: 10,
  maxWaitSeconds: 20,
  maxVisibilitySeconds: 43_200,
  /** Body plus attribute names, types and values (SQS raised this from 256 KiB to 1 MiB in 2025). */
  maxMessageBytes: 1_048_576,
  maxAttributes: 10,
} as const;

const encoder = new TextEncoder();
// Characters SQS accepts in a body or attribute value: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
const forbiddenCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const attributeName = /^(?!aws\.|amazon\.)(?!\.)(?!.*\.\.)[A-Za-z0-9_.-]{1,256}(?<!\.)$/i;
// Every attribute is sent as a String attribute; SQS counts its data type's name in the size.
const attributeType = 'String';

const badInput = (message: string) => new BadInputError(message);

/** Throws `BAD_INPUT` naming the option unless `options` is a receive SQS would accept. */
export function validateReceiveOptions(queue: string, options: ReceiveOptions): void {
  integerIn(options.max, 1, sqsLimits.maxMessages, `receive max on queue ${queue}`);
  integerIn(options.waitSeconds, 0, sqsLimits.maxWaitSeconds, `receive waitSeconds on queue ${queue}`);
  integerIn(options.visibilitySeconds, 0, sqsLimits.maxVisibilitySeconds, `receive visibilitySeconds on queue ${queue}`);
}

export function validateVisibilitySeconds(queue: string, seconds: number): void {
  integerIn(seconds, 0, sqsLimits.maxVisibilitySeconds, `visibility seconds on queue ${queue}`);
}

/**
 * Throws `BAD_INPUT` unless SQS would accept the message: a non-empty body, at most 10 attributes
 * with valid names and non-empty values, only characters SQS allows, and at most 1 MiB in all.
 */
export function validateQueueMessage(queue: string, body: string, attributes: Readonly<Record<string, string>>): void {
  if (typeof body !== 'string' || body.length === 0) {
    throw badInput(`message body for queue ${queue} must be a non-empty string`);
  }
  checkCharacters(body, `message body for queue ${queue}`);
  const names = Object.keys(attributes);
  if (names.length > sqsLimits.maxAttributes) {
    throw badInput(`message for queue ${queue} has ${names.length} attributes; SQS allows ${sqsLimits.maxAttributes}`);
  }
  let bytes = encoder.encode(body).length;
  for (const name of names) {
    const value = attributes[name];
    if (!attributeName.test(name)) {
      throw badInput(
        `attribute name "${name}" on queue ${queue} is invalid; use up to 256 letters, digits, _ - . (no aws./amazon. prefix, no leading, trailing or doubled dots)`,
      );
    }
    if (typeof value !== 'string' || value.length === 0) {
      throw badInput(`attribute "${name}" on queue ${queue} must be a non-empty string`);
    }
    checkCharacters(value, `attribute "${name}" on queue ${queue}`);
    bytes += encoder.encode(name).length + encoder.encode(value).length + attributeType.length;
  }
  if (bytes > sqsLimits.maxMessageBytes) {
    throw badInput(`message for queue ${queue} is ${bytes} bytes with attributes; SQS allows ${sqsLimits.maxMessageBytes}`);
  }
}

function checkCharacters(text: string, what: string): void {
  const match = forbiddenCharacter.exec(text);
  if (match) {
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw badInput(`${what} contains U+${code} at index ${match.index}, which SQS does not accept`);
  }
}

function integerIn(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${what} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
