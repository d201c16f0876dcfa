import { MemoryCounterStore, MemoryLogger, MemoryMetrics } from '@wordfreq/adapters-memory';
import { TransientError, type CounterStore } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { httpApiEvent, lambdaContext } from '../../test/events.js';
import { wrapPort } from '../../test/wrap-port.js';
import { createVisitHandler } from './visit.handler.js';

function setUp(counters: CounterStore = new MemoryCounterStore()) {
  const metrics = new MemoryMetrics();
  const handler = createVisitHandler({ counters, logger: new MemoryLogger(), metrics });
  const call = async (method: string, path: string) => {
    const response = await handler(httpApiEvent(method, path), lambdaContext());
    return { ...response, json: JSON.parse(response.body ?? 'null') as Record<string, unknown> };
  };
  return { call, metrics };
}

describe('visit handler', () => {
  it('counts on POST and reads on GET without counting', async () => {
    const { call, metrics } = setUp();
    expect((await call('POST', '/visits/lisbon')).json).toEqual({ page: 'lisbon', pageVisits: 1, totalVisits: 1 });
    expect((await call('POST', '/visits/porto')).json).toEqual({ page: 'porto', pageVisits: 1, totalVisits: 2 });
    const read = await call('GET', '/visits/lisbon');
    expect(read.statusCode).toBe(200);
    expect(read.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8' });
    expect(read.json).toEqual({ page: 'lisbon', pageVisits: 1, totalVisits: 2 });
    expect((await call('GET', '/visits/lisbon')).json).toEqual({ page: 'lisbon', pageVisits: 1, totalVisits: 2 });
    expect(metrics.sum('VisitsRecorded')).toBe(2);
  });

  it('counts a page typed in two Unicode forms as one page', async () => {
    const { call } = setUp();
    await call('POST', `/visits/${encodeURIComponent('cafe\u0301')}`);
    expect((await call('POST', `/visits/${encodeURIComponent('caf\u00e9')}`)).json).toEqual({ page: 'caf\u00e9', pageVisits: 2, totalVisits: 2 });
  });

  it('answers 400 with the reason for page ids the core refuses', async () => {
    const { call } = setUp();
    const control = await call('POST', '/visits/a%07b');
    expect(control.statusCode).toBe(400);
    expect(control.json).toEqual({ error: 'BAD_INPUT', message: 'page id has a forbidden character U+0007 at index 1; use printable text' });
    expect((await call('POST', `/visits/${'x'.repeat(257)}`)).json.message).toMatch(/257 characters long; the limit is 256/);
    expect((await call('GET', '/visits/%20padded')).json.message).toMatch(/starts or ends with white space/);
    expect((await call('POST', '/visits/%E0%A4')).json).toEqual({ error: 'BAD_INPUT', message: 'page segment "%E0%A4" is not valid percent-encoding of UTF-8 text' });
    expect((await call('GET', '/visits/lisbon')).json.totalVisits).toBe(0);
  });

  it('answers 404 for other paths and 405 with Allow for other methods', async () => {
    const { call } = setUp();
    const missing = await call('GET', '/pages/lisbon');
    expect(missing.statusCode).toBe(404);
    expect(missing.json.message).toBe('no such route: GET /pages/lisbon; use POST or GET /visits/{page}');
    const wrong = await call('PUT', '/visits/lisbon');
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers).toMatchObject({ allow: 'GET, POST' });
  });

  it('answers 503 with Retry-After when the counter store is throttled', async () => {
    const counters = wrapPort<CounterStore>(new MemoryCounterStore(), {
      increment: async () => {
        throw new TransientError('ProvisionedThroughputExceededException on the counters table');
      },
    });
    const { call } = setUp(counters);
    const response = await call('POST', '/visits/lisbon');
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '1' });
  });

  it('answers 400, not a TypeError, to an event without requestContext, rawPath or http.method', async () => {
    const metrics = new MemoryMetrics();
    const handler = createVisitHandler({ counters: new MemoryCounterStore(), logger: new MemoryLogger(), metrics });
    const good = httpApiEvent('POST', '/visits/lisbon');
    const broken = [
      { ...good, requestContext: undefined },
      { ...good, rawPath: undefined },
      { ...good, requestContext: { ...good.requestContext, http: undefined } },
      { ...good, requestContext: { ...good.requestContext, http: { ...good.requestContext.http, method: undefined } } },
      {},
    ];
    for (const event of broken) {
      const response = await handler(event as unknown as typeof good, lambdaContext());
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body ?? '{}')).toMatchObject({ error: 'BAD_INPUT', message: expect.stringMatching(/payload format 2\.0/) });
    }
    expect(metrics.sum('VisitsRecorded')).toBe(0);
  });

  it('echoes at most a short prefix of an unknown path', async () => {
    const { call } = setUp();
    const response = await call('GET', `/${'x'.repeat(100_000)}`);
    expect(response.statusCode).toBe(404);
    expect(response.body!.length).toBeLessThan(400);
    expect(response.json.message).toMatch(/x…\(100001 characters\)/);
  });

  it('refuses invisible format characters in a page id with 400', async () => {
    const { call } = setUp();
    for (const hidden of ['%E2%80%8B', '%E2%80%AE', '%EF%BB%BF']) {
      const response = await call('POST', `/visits/lis${hidden}bon`);
      expect(response.statusCode).toBe(400);
      expect(response.json.message).toMatch(/invisible format character U\+(200B|202E|FEFF) at index 3/);
    }
  });
});

