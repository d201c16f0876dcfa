import { describe, expect, it } from 'vitest';
import { httpApiEvent } from '../../test/events.js';
import { routeVisitRequest } from './visit-route.js';

describe('routeVisitRequest', () => {
  it('POST /visits/{page} records and GET reads, with the page percent-decoded', () => {
    expect(routeVisitRequest(httpApiEvent('POST', '/visits/home'))).toEqual({ kind: 'record', page: 'home' });
    expect(routeVisitRequest(httpApiEvent('GET', '/visits/caf%C3%A9-paris'))).toEqual({ kind: 'read', page: 'café-paris' });
  });

  it('strips a named stage from the path, as HTTP APIs deliver it', () => {
    expect(routeVisitRequest(httpApiEvent('POST', '/prod/visits/home', { stage: 'prod' }))).toEqual({ kind: 'record', page: 'home' });
  });

  it('sends other methods to 405 and other paths to 404', () => {
    expect(routeVisitRequest(httpApiEvent('DELETE', '/visits/home'))).toEqual({ kind: 'method-not-allowed', method: 'DELETE' });
    for (const path of ['/', '/visits', '/visits/', '/visits/a/b', '/pages/home', '/visitsx/home']) {
      expect(routeVisitRequest(httpApiEvent('POST', path))).toEqual({ kind: 'not-found', path });
    }
  });

  it('reports a segment that is not valid percent-encoding', () => {
    expect(routeVisitRequest(httpApiEvent('POST', '/visits/%E0%A4%A'))).toEqual({ kind: 'bad-encoding', segment: '%E0%A4%A' });
  });
});
