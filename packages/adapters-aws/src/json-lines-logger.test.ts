import { WordFreqError } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { JsonLinesLogger } from './json-lines-logger.js';

describe('JsonLinesLogger', () => {
  it('writes one JSON object per line with time, level, message and fields, errors included', () => {
    const lines: string[] = [];
    const logger = new JsonLinesLogger({ write: (line) => lines.push(line), now: () => new Date('2026-11-27T00:00:00.000Z') });
    logger.info('job done', { key: 'a b.txt', ms: 12 });
    logger.error('job failed', { error: new WordFreqError('NOT_TEXT', 'binary file') });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { time: '2026-11-27T00:00:00.000Z', level: 'info', message: 'job done', key: 'a b.txt', ms: 12 },
      { time: '2026-11-27T00:00:00.000Z', level: 'error', message: 'job failed', error: { name: 'WordFreqError', message: 'NOT_TEXT: binary file', code: 'NOT_TEXT' } },
    ]);
  });

  it('drops messages below its level', () => {
    const lines: string[] = [];
    const logger = new JsonLinesLogger({ level: 'warn', write: (line) => lines.push(line) });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    expect(lines.map((line) => JSON.parse(line).level)).toEqual(['warn']);
  });
});
