import { NotFoundError } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { JsonLogger } from './json-logger.js';

function capture(options: ConstructorParameters<typeof JsonLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = new JsonLogger({ now: () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), ...options, write: (line) => lines.push(line) });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('JsonLogger', () => {
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

  it('drops lines below the configured level', () => {
    const { logger, records } = capture({ level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(records().map((r) => r.level)).toEqual(['warn', 'error']);
  });

  it('serialises errors with code and cause, and survives bigints and cycles', () => {
    const { logger, records } = capture();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    logger.error('failed', { error: new NotFoundError('b/k is missing', { cause: new Error('NoSuchKey') }), big: 7n, cyclic });
    const line = records()[0];
    expect(line.error).toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND', message: 'NOT_FOUND: b/k is missing', cause: { message: 'NoSuchKey' } });
    expect(line.big).toBe('7');
    expect(line.cyclic).toEqual({ name: 'loop', self: '[Circular]' });
  });
});
