import { JsonLinesLogger } from '@wordfreq/observability';
import { describe, expect, it } from 'vitest';
import { invocationLogFields, runInInvocation } from './invocation-context.js';

describe('invocationLogFields', () => {
  it('tags each log line with the request id of the invocation it runs in, also across awaits', async () => {
    const lines: string[] = [];
    const logger = new JsonLinesLogger({ base: { handler: 'visit' }, contextFields: invocationLogFields, write: (line) => lines.push(line) });
    await Promise.all(
      ['req-a', 'req-b'].map((requestId) =>
        runInInvocation({ requestId }, async () => {
          await new Promise((resolve) => setImmediate(resolve));
          logger.info('counted', { page: requestId.toUpperCase() });
        }),
      ),
    );
    logger.info('outside');
    const [a, b, outside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toMatchObject({ level: 'info', message: 'counted', requestId: 'req-a', page: 'REQ-A', handler: 'visit' });
    expect(b).toMatchObject({ requestId: 'req-b', page: 'REQ-B' });
    expect(outside).not.toHaveProperty('requestId');
    expect(Date.parse(String(a.time))).not.toBeNaN();
  });
});
