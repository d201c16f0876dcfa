import { ManualClock, MemoryLogger, MemoryMetrics, MemoryObjectStore, MemoryUploadPresigner } from '@wordfreq/adapters-memory';
import { defaultPhotoUploadPolicy, TransientError, type ObjectStore } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { httpApiEvent, lambdaContext } from '../../test/events.js';
import { wrapPort } from '../../test/wrap-port.js';
import { createPostsHandler } from './posts.handler.js';

const site = 'https://mytravel.example';

function setUp(wrap: (store: ObjectStore) => ObjectStore = (store) => store) {
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
  const store = new MemoryObjectStore({ buckets: ['primary'], clock });
  const presigner = new MemoryUploadPresigner(store, clock);
  const metrics = new MemoryMetrics();
  const handler = createPostsHandler(
    { storage: wrap(store), presigner, clock, logger: new MemoryLogger(), metrics },
    { bucket: 'primary', policy: defaultPhotoUploadPolicy, siteOrigin: site, pageSize: 2 },
  );
  const call = async (method: string, path: string, options: { body?: unknown; query?: string; headers?: Record<string, string> } = {}) => {
    const event = httpApiEvent(method, path, options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) });
    event.rawQueryString = options.query ?? '';
    event.headers = { ...event.headers, 'content-type': 'application/json', ...options.headers };
    const response = await handler(event, lambdaContext());
    return { ...response, json: response.body ? (JSON.parse(response.body) as Record<string, any>) : undefined };
  };
  const newPost = (title: string) => ({ title, place: 'Lisbon', text: `About ${title}`, photo: { contentType: 'image/webp', size: 3 } });
  /** Create, then upload the photo as the browser would; returns the post id. */
  const publish = async (title: string) => {
    const created = await call('POST', '/posts', { body: newPost(title) });
    expect(created.statusCode).toBe(201);
    const { upload } = created.json!;
    expect(await presigner.post(upload.url, upload.fields, new Uint8Array([1, 2, 3]))).toMatchObject({ status: 204 });
    clock.advance(1000);
    return created.json!.post.id as string;
  };
  return { call, publish, newPost, metrics, store };
}

describe('posts handler', () => {
  it('creates a post and answers a presigned POST for exactly its photo key', async () => {
    const { call, newPost, metrics, store } = setUp();
    const created = await call('POST', '/posts', { body: newPost('<script>alert(1)</script>') });
    expect(created.statusCode).toBe(201);
    const { post, upload } = created.json!;
    expect(post).toMatchObject({ title: '<script>alert(1)</script>', place: 'Lisbon', createdAt: '2026-12-01T10:00:00.000Z', photo: { key: `posts/${post.id}/photo`, contentType: 'image/webp' } });
    expect(upload.fields).toMatchObject({ key: `posts/${post.id}/photo`, 'Content-Type': 'image/webp' });
    expect(upload.expiresAt).toBe('2026-12-01T10:10:00.000Z');
    expect((await store.head({ bucket: 'primary', key: `posts/${post.id}/post.json` })).contentType).toBe('application/json; charset=utf-8');
    expect(metrics.sum('PostsCreated')).toBe(1);
  });

  it('answers 400 listing every problem, 415 for a non-JSON body and 400 for broken JSON', async () => {
    const { call } = setUp();
    const bad = await call('POST', '/posts', { body: { title: 'x', place: '', text: 'y', photo: { contentType: 'image/gif', size: 20 * 1024 * 1024 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json).toEqual({
      error: 'BAD_INPUT',
      message: 'place is empty; photo type image/gif is not accepted; use a JPEG, PNG, WebP image; photo is 20 MB; the limit is 10 MB',
      problems: ['place is empty', 'photo type image/gif is not accepted; use a JPEG, PNG, WebP image', 'photo is 20 MB; the limit is 10 MB'],
    });
    expect((await call('POST', '/posts', { body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(415);
    const broken = await call('POST', '/posts', { body: '{"title":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json!.message).toMatch(/^the body is not valid JSON: /);
  });

  it('lists the newest posts with photos, page by page, and gets one', async () => {
    const { call, publish, newPost } = setUp();
    const ids = [await publish('first'), await publish('second'), await publish('third')];
    await call('POST', '/posts', { body: newPost('photo never came') });
    const page = await call('GET', '/posts');
    expect(page.statusCode).toBe(200);
    expect(page.json!.posts.map((p: { title: string }) => p.title)).toEqual(['third', 'second']);
    expect(page.json!.next).toBe(ids[1]);
    const older = await call('GET', '/posts', { query: `limit=5&after=${page.json!.next}` });
    expect(older.json).toEqual({ posts: [expect.objectContaining({ id: ids[0], title: 'first', excerpt: 'About first' })] });
    const one = await call('GET', `/posts/${ids[0]}`);
    expect(one.json).toMatchObject({ id: ids[0], text: 'About first' });
    expect(one.headers).toMatchObject({ 'cache-control': 'public, max-age=300' });
  });

  it('answers 400 for a bad id or limit, 404 for a missing post or route, 405 with Allow', async () => {
    const { call } = setUp();
    expect((await call('GET', '/posts/..%2Fsecret')).json).toEqual({ error: 'BAD_INPUT', message: 'post id "..%2Fsecret" is not a post id; ids look like 8235470659234-k3x9q2m1ab' });
    expect((await call('GET', '/posts', { query: 'limit=0' })).json!.message).toBe('limit must be a whole number from 1 to 50, got "0"');
    expect((await call('GET', '/posts', { query: 'limit=ten' })).statusCode).toBe(400);
    expect((await call('GET', '/posts', { query: 'after=nope' })).statusCode).toBe(400);
    expect((await call('GET', '/posts/0000000000000-aaaaaaaaaa')).statusCode).toBe(404);
    expect((await call('GET', '/users')).statusCode).toBe(404);
    const wrong = await call('DELETE', '/posts/0000000000000-aaaaaaaaaa');
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers).toMatchObject({ allow: 'GET, OPTIONS' });
  });

  it('gives CORS to the site origin only, and answers its preflight', async () => {
    const { call } = setUp();
    const ours = await call('GET', '/posts', { headers: { origin: site } });
    expect(ours.headers).toMatchObject({ 'access-control-allow-origin': site, vary: 'Origin', 'x-content-type-options': 'nosniff' });
    const theirs = await call('GET', '/posts', { headers: { origin: 'https://evil.example' } });
    expect(theirs.headers?.['access-control-allow-origin']).toBeUndefined();
    const preflight = await call('OPTIONS', '/posts', { headers: { origin: site, 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': site, 'access-control-allow-methods': 'GET, POST, OPTIONS' });
    const refused = await call('OPTIONS', '/posts', { headers: { origin: 'https://evil.example' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json!.message).toBe(`origin https://evil.example may not call this API; only ${site} may`);
  });

  it('answers 503 with Retry-After when storage is throttled', async () => {
    const { call } = setUp((store) =>
      wrapPort(store, {
        list: () => {
          throw new TransientError('SlowDown from S3');
        },
      }),
    );
    const response = await call('GET', '/posts');
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '1' });
  });
});
