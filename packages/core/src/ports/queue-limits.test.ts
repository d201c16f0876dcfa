import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownMessage } from '../errors.test-support.js';
import { sqsLimits, validateQueueMessage, validateReceiveOptions, validateVisibilitySeconds } from './queue-limits.js';

const reason = (run: () => void) => thrownMessage('BAD_INPUT', run);

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

describe('validateReceiveOptions and validateVisibilitySeconds', () => {
  it('accept the whole documented ranges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: sqsLimits.maxMessages }),
        fc.integer({ min: 0, max: sqsLimits.maxWaitSeconds }),
        fc.integer({ min: 0, max: sqsLimits.maxVisibilitySeconds }),
        (max, waitSeconds, visibilitySeconds) => {
          validateReceiveOptions('jobs', { max, waitSeconds, visibilitySeconds });
          validateVisibilitySeconds('jobs', visibilitySeconds);
        },
      ),
    );
  });

  it('name the option, the queue and the range when outside it', () => {
    expect(reason(() => validateReceiveOptions('jobs', { max: 11, waitSeconds: 0, visibilitySeconds: 1 }))).toContain(
      'receive max on queue jobs must be an integer from 1 to 10, got 11',
    );
    expect(reason(() => validateReceiveOptions('jobs', { max: 0, waitSeconds: 0, visibilitySeconds: 1 }))).toContain('receive max');
    expect(reason(() => validateReceiveOptions('jobs', { max: 1, waitSeconds: 21, visibilitySeconds: 1 }))).toContain('waitSeconds');
    expect(reason(() => validateReceiveOptions('jobs', { max: 1, waitSeconds: 0, visibilitySeconds: 43_201 }))).toContain('visibilitySeconds');
    expect(reason(() => validateReceiveOptions('jobs', { max: 1.5, waitSeconds: 0, visibilitySeconds: 1 }))).toContain('got 1.5');
    expect(reason(() => validateVisibilitySeconds('jobs', -1))).toContain('visibility seconds on queue jobs must be an integer from 0 to 43200, got -1');
  });
});

describe('validateQueueMessage', () => {
  it('accepts bodies and attributes of allowed characters up to the size limit', () => {
    const allowed = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }).filter((s) => !/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(s));
    fc.assert(fc.property(allowed, allowed, (body, value) => validateQueueMessage('jobs', body, { reason: value })));
    validateQueueMessage('jobs', 'x'.repeat(sqsLimits.maxMessageBytes), {});
  });

  it('counts the size in UTF-8 bytes, attribute names, types and values included', () => {
    const attributes = { reason: 'dé' };
    const attributeBytes = utf8Length('reason') + utf8Length('dé') + 'String'.length;
    validateQueueMessage('jobs', 'x'.repeat(sqsLimits.maxMessageBytes - attributeBytes), attributes);
    const over = `${sqsLimits.maxMessageBytes + 1}`;
    expect(reason(() => validateQueueMessage('jobs', 'x'.repeat(sqsLimits.maxMessageBytes - attributeBytes + 1), attributes))).toContain(
      `message for queue jobs is ${over} bytes with attributes; SQS allows ${sqsLimits.maxMessageBytes}`,
    );
    expect(reason(() => validateQueueMessage('jobs', 'é'.repeat(sqsLimits.maxMessageBytes / 2 + 1), {}))).toContain(`is ${sqsLimits.maxMessageBytes + 2} bytes`);
  });

  it('names the first character SQS refuses and where it is', () => {
    expect(reason(() => validateQueueMessage('jobs', 'bell \u0007 here', {}))).toContain('message body for queue jobs contains U+0007 at index 5');
    expect(reason(() => validateQueueMessage('jobs', 'ok', { reason: 'lone \uD800' }))).toContain('attribute "reason" on queue jobs contains U+D800 at index 5');
    expect(reason(() => validateQueueMessage('jobs', '\uFFFE', {}))).toContain('U+FFFE at index 0');
  });

  it('refuses empty bodies, empty values, bad attribute names and too many attributes', () => {
    expect(reason(() => validateQueueMessage('jobs', '', {}))).toContain('message body for queue jobs must be a non-empty string');
    expect(reason(() => validateQueueMessage('jobs', 'x', { reason: '' }))).toContain('attribute "reason" on queue jobs must be a non-empty string');
    for (const name of ['aws.trace', 'Amazon.x', '.lead', 'trail.', 'two..dots', 'spa ce', 'x'.repeat(257)]) {
      expect(reason(() => validateQueueMessage('jobs', 'x', { [name]: 'v' }))).toContain(`attribute name "${name}" on queue jobs is invalid`);
    }
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, 'v']));
    expect(reason(() => validateQueueMessage('jobs', 'x', eleven))).toContain('has 11 attributes; SQS allows 10');
  });
});
