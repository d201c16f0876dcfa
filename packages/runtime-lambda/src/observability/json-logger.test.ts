import { NotFoundError } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { runInInvocation } from './invocation-context.js';
import { JsonLogger } from './json-logger.js';

function capture(options: ConstructorParameters<typeof JsonLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = new JsonLogger({ ...options, write: (line) => lines.push(line) });
  return { logger, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('JsonLogger', () => {
  it('tags each line with the request id of the invocation it runs in, also across awaits', async () => {
    const { logger, records } = capture({ base: { handler: 'visit' } });
    await Promise.all(
      ['req-a', 'req-b'].map((requestId) =>
        runInInvocation({ requestId }, async () => {
          await new Promise((resolve) => setImmediate(resolve));
          logger.info('counted', { page: requestId.toUpperCase() });
        }),
      ),
    );
    logger.info('outside');
    const [a, b, outside] = records();
    expect(a).toMatchObject({ level: 'info', message: 'counted', requestId: 'req-a', page: 'REQ-A', handler: 'visit' });
    expect(b).toMatchObject({ requestId: 'req-b', page: 'REQ-B' });
    expect(outside).not.toHaveProperty('requestId');
    expect(Date.parse(String(a.time))).not.toBeNaN();
  });

  it('drops lines below the configured level', () => {
    const { logger, records } = capture({ level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(records().map((r) => r.level)).toEqual(['warn', 'error']);
  });

  it('serialises errors with their code and cause, bigints and cycles without throwing', () => {
    const { logger, records } = capture();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const error = new NotFoundError('s3://b/k is missing', { cause: new Error('NoSuchKey') });
    logger.error('failed', { error, big: 12n, cyclic });
    const [line] = records();
    expect(line.error).toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND', message: 'NOT_FOUND: s3://b/k is missing' });
    expect((line.error as { cause: { message: string } }).cause.message).toBe('NoSuchKey');
    expect(line.big).toBe('12');
    expect(line.cyclic).toEqual({ name: 'loop', self: '[Circular]' });
  });
});
