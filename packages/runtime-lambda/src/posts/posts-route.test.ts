import { describe, expect, it } from 'vitest';
import { httpApiEvent } from '../../test/events.js';
import { routePostsRequest } from './posts-route.js';

describe('routePostsRequest', () => {
  it('routes the collection and one post, with a named stage stripped', () => {
    expect(routePostsRequest(httpApiEvent('POST', '/posts'))).toEqual({ kind: 'create' });
    expect(routePostsRequest(httpApiEvent('GET', '/prod/posts/', { stage: 'prod' }))).toMatchObject({ kind: 'list' });
    expect(routePostsRequest(httpApiEvent('GET', '/posts/8203916799999-abcdefghij'))).toEqual({ kind: 'get', id: '8203916799999-abcdefghij' });
    expect(routePostsRequest(httpApiEvent('OPTIONS', '/posts/x'))).toEqual({ kind: 'preflight' });
  });

  it('sends other methods to 405 and other paths to 404', () => {
    expect(routePostsRequest(httpApiEvent('PUT', '/posts'))).toEqual({ kind: 'method-not-allowed', method: 'PUT', allow: 'GET, POST, OPTIONS' });
    expect(routePostsRequest(httpApiEvent('POST', '/posts/a'))).toEqual({ kind: 'method-not-allowed', method: 'POST', allow: 'GET, OPTIONS' });
    for (const path of ['/', '/postsx', '/posts/a/b', '/visits/home']) expect(routePostsRequest(httpApiEvent('GET', path))).toEqual({ kind: 'not-found', path });
  });
});
