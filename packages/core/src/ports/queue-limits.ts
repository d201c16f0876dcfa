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
  /** A redrive policy's `maxReceiveCount` is 1 to this. */
  maxReceiveCount: 1000,
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

/** Longest dead-letter reason kept whole, in UTF-8 bytes; a longer one is cut (and says so). */
export const maxDeadLetterReasonBytes = 8192;

/**
 * The copy of a message sent to a dead-letter queue: its body and attributes plus `reason`, made to
 * fit SQS's limits so that the reason always travels. When the original already has 10 attributes,
 * or body and attributes with the reason exceed 1 MiB, what does not fit is cut, and the attribute
 * `trimmed` says what: `attributes:a,b` (left out), `body:<original bytes>` (cut to fit), `reason`
 * (cut to maxDeadLetterReasonBytes). The reason and `trimmed` come first; the body is cut last.
 */
export function deadLetterCopy(
  body: string,
  attributes: Readonly<Record<string, string>>,
  reason: string,
): { body: string; attributes: Record<string, string> } {
  const trimmed: string[] = [];
  const safeReason = sqsSafe(reason) || 'no reason given';
  let keptReason = cutUtf8(safeReason, maxDeadLetterReasonBytes);
  if (keptReason !== safeReason) trimmed.push('reason');
  keptReason ||= 'no reason given';
  // Two slots are kept for `reason` and `trimmed`; the original's own `reason`/`trimmed` are replaced.
  const own = Object.entries(attributes).filter(([name]) => name !== 'reason' && name !== 'trimmed');
  const kept = own.slice(0, sqsLimits.maxAttributes - 2);
  const dropped = own.slice(kept.length).map(([name]) => name);
  if (dropped.length > 0) trimmed.push(`attributes:${dropped.join(',')}`);
  const attributeBytes = (list: [string, string][]) => list.reduce((sum, [name, value]) => sum + bytesOf(name) + bytesOf(value) + attributeType.length, 0);
  let keptBody = body;
  const bodyBytes = bytesOf(body);
  // The `trimmed` attribute's final size is not known until the body is cut: budget its longest form.
  const trimmedReserve = bytesOf('trimmed') + attributeType.length + bytesOf([...trimmed, `body:${bodyBytes}`].join(';'));
  const budget = sqsLimits.maxMessageBytes - attributeBytes(kept) - bytesOf('reason') - bytesOf(keptReason) - attributeType.length - trimmedReserve;
  if (bodyBytes > budget) {
    keptBody = cutUtf8(body, budget) || '(body trimmed)';
    trimmed.push(`body:${bodyBytes}`);
  }
  const out: Record<string, string> = Object.fromEntries(kept);
  out.reason = keptReason;
  if (trimmed.length > 0) out.trimmed = trimmed.join(';');
  return { body: keptBody || '(empty body)', attributes: out };
}

const bytesOf = (text: string): number => encoder.encode(text).length;

/** `text` without the characters SQS refuses (each replaced by U+FFFD). */
function sqsSafe(text: string): string {
  return String(text).replace(new RegExp(forbiddenCharacter.source, 'gu'), '\uFFFD');
}

/** `text` cut to at most `maxBytes` UTF-8 bytes at a character boundary. */
function cutUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  if (bytesOf(text) <= maxBytes) return text;
  const bytes = encoder.encode(text);
  // Back off while the first byte left out continues a UTF-8 sequence, so no character is cut in half.
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return new TextDecoder().decode(bytes.subarray(0, end));
}
