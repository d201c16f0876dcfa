import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';
import { MemoryLogger } from './memory-logger.js';

describe('MemoryLogger', () => {
  it('records entries with their level, fields and time, and forwards them', () => {
    const clock = new ManualClock(new Date('2024-02-02T00:00:00Z'));
    const forwarded = new MemoryLogger();
    const logger = new MemoryLogger({ forward: forwarded, now: () => clock.now() });
    logger.info('job done', { key: 'a.txt' });
    clock.advance(5);
    logger.error('job failed', { code: 'NOT_TEXT' });
    expect(logger.entries.map((e) => [e.level, e.message, e.fields, e.time.toISOString()])).toEqual([
      ['info', 'job done', { key: 'a.txt' }, '2024-02-02T00:00:00.000Z'],
      ['error', 'job failed', { code: 'NOT_TEXT' }, '2024-02-02T00:00:00.005Z'],
    ]);
    expect(logger.at('error')).toHaveLength(1);
    expect(forwarded.entries.map((e) => e.message)).toEqual(['job done', 'job failed']);
    logger.clear();
    expect(logger.entries).toEqual([]);
  });
});
