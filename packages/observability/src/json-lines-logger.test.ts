import { NotFoundError, WordFreqError } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { describeError, JsonLinesLogger, type JsonLinesLoggerOptions } from './json-lines-logger.js';

function capture(options: JsonLinesLoggerOptions = {}) {
  const lines: string[] = [];
  const logger = new JsonLinesLogger({ now: () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), ...options, write: (line) => lines.push(line) });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('JsonLinesLogger', () => {
  it('writes one parseable JSON object per call with time, level, message, base fields and the caller fields', () => {
    const { logger, lines, records } = capture({ base: { workerId: 'i-1' } });
    logger.info('job finished', { file: 'b/k with\nnewline', durationMs: 12 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(records()[0]).toEqual({
      time: '2024-01-02T03:04:05.000Z',
      level: 'info',
      message: 'job finished',
      workerId: 'i-1',
      file: 'b/k with\nnewline',
      durationMs: 12,
    });
  });

  it('writes errors in fields with name, message and code rather than as {}', () => {
    const { logger, records } = capture({ now: () => new Date('2026-11-27T00:00:00.000Z') });
    logger.info('job done', { key: 'a b.txt', ms: 12 });
    logger.error('job failed', { error: new WordFreqError('NOT_TEXT', 'binary file') });
    expect(records()).toEqual([
      { time: '2026-11-27T00:00:00.000Z', level: 'info', message: 'job done', key: 'a b.txt', ms: 12 },
      { time: '2026-11-27T00:00:00.000Z', level: 'error', message: 'job failed', error: { name: 'WordFreqError', message: 'binary file', code: 'NOT_TEXT' } },
    ]);
  });

  it('drops lines below the configured level, and logs from info by default', () => {
    const { logger, records } = capture({ level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(records().map((r) => r.level)).toEqual(['warn', 'error']);

    const byDefault = capture();
    byDefault.logger.debug('d');
    byDefault.logger.info('i');
    expect(byDefault.records().map((r) => r.level)).toEqual(['info']);
  });

  it('asks the context provider on every line and puts its fields before the base and caller fields', () => {
    let requestId: string | undefined = 'req-a';
    const { logger, records } = capture({
      base: { handler: 'visit' },
      contextFields: () => (requestId === undefined ? undefined : { requestId, handler: 'overridden by base' }),
    });
    logger.info('first', { page: 'A' });
    requestId = 'req-b';
    logger.info('second', { requestId: 'from the caller' });
    requestId = undefined;
    logger.info('outside');
    const [first, second, outside] = records();
    expect(first).toMatchObject({ message: 'first', requestId: 'req-a', handler: 'visit', page: 'A' });
    expect(second).toMatchObject({ message: 'second', requestId: 'from the caller' });
    expect(outside).not.toHaveProperty('requestId');
    expect(outside).toMatchObject({ handler: 'visit' });
  });

  it('serialises errors with code and cause, and survives bigints and cycles', () => {
    const { logger, records } = capture();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    logger.error('failed', { error: new NotFoundError('b/k is missing', { cause: new Error('NoSuchKey') }), big: 7n, cyclic });
    const line = records()[0];
    expect(line.error).toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND', message: 'b/k is missing', cause: { message: 'NoSuchKey' } });
    expect(line.big).toBe('7');
    expect(line.cyclic).toEqual({ name: 'loop', self: '[Circular]' });
  });
});

describe('describeError', () => {
  it('keeps the stack only of errors without a code, and describes causes the same way', () => {
    const unexpected = describeError(new TypeError('x is undefined', { cause: 'a string cause' }));
    expect(unexpected).toMatchObject({ name: 'TypeError', message: 'x is undefined', cause: { message: 'a string cause' } });
    expect(String(unexpected.stack)).toContain('x is undefined');
    expect(describeError(new NotFoundError('gone'))).not.toHaveProperty('stack');
    expect(describeError(42)).toEqual({ message: '42' });
  });

  it('stops at an error that is its own cause', () => {
    const error = new Error('loop');
    error.cause = error;
    expect(describeError(error)).toMatchObject({ message: 'loop', cause: '[Circular]' });
  });
});
