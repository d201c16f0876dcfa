import { describe, expect, it } from 'vitest';
import { FakeObjectStore } from '../jobs/fakes.test-support.js';
import { ManualClock } from '../manual-clock.js';
import type { PresignedUpload, UploadGrant, UploadPresigner } from '../ports/upload-presigner.port.js';
import { createPost } from './create-post.js';
import { defaultPhotoUploadPolicy as policy } from './photo-upload.policy.js';
import { getPost, listPosts } from './read-posts.js';

class RecordingPresigner implements UploadPresigner {
  readonly grants: UploadGrant[] = [];
  async presignUpload(grant: UploadGrant): Promise<PresignedUpload> {
    this.grants.push(grant);
    return { url: `memory://${grant.bucket}`, fields: { key: grant.key }, expiresAt: new Date(0) };
  }
}

function setUp() {
  const storage = new FakeObjectStore();
  const presigner = new RecordingPresigner();
  const clock = new ManualClock(Date.parse('2026-12-01T10:00:00Z'));
  const options = { bucket: 'primary', policy };
  const post = async (title: string, withPhoto = true) => {
    const created = await createPost({ title, place: 'Porto', text: `${title} text`, photo: { contentType: 'image/png', size: 10 } }, { storage, presigner, clock }, options);
    if (withPhoto) await storage.put({ bucket: 'primary', key: created.post.photo.key }, new Uint8Array([1, 2, 3]), { contentType: 'image/png' });
    clock.advance(1000);
    return created;
  };
  return { storage, presigner, options, post };
}

describe('posts use cases', () => {
  it('createPost stores the JSON beside the photo key and grants exactly that key, type and limit', async () => {
    const { storage, presigner, post } = setUp();
    const { post: created } = await post('<script>alert(1)</script>', false);
    expect(created.createdAt).toBe('2026-12-01T10:00:00.000Z');
    expect(presigner.grants).toEqual([{ bucket: 'primary', key: `posts/${created.id}/photo`, contentType: 'image/png', maxBytes: policy.maxBytes, expiresSeconds: policy.expiresSeconds }]);
    const stored = storage.objects.get(`primary/posts/${created.id}/post.json`);
    expect(stored?.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(new TextDecoder().decode(stored!.bytes))).toEqual(created);
    expect(created.title).toBe('<script>alert(1)</script>');
  });

  it('createPost refuses a bad request before writing anything', async () => {
    const { storage, presigner, options } = setUp();
    await expect(createPost({ title: 'x' }, { storage, presigner, clock: new ManualClock() }, options)).rejects.toThrow(/place is missing; text is missing; photo is missing/);
    expect(storage.objects.size).toBe(0);
    expect(presigner.grants).toHaveLength(0);
  });

  it('listPosts shows posts with their photo, newest first, page by page', async () => {
    const { storage, options, post } = setUp();
    const ids: string[] = [];
    for (const title of ['one', 'two', 'three', 'four', 'five']) ids.push((await post(title)).post.id);
    await post('no photo yet', false);
    const first = await listPosts({ storage }, { ...options, limit: 2 });
    expect(first.posts.map((p) => p.title)).toEqual(['five', 'four']);
    expect(first.posts[0]).toEqual({ id: ids[4], title: 'five', place: 'Porto', excerpt: 'five text', createdAt: '2026-12-01T10:00:04.000Z', photo: { key: `posts/${ids[4]}/photo`, contentType: 'image/png' } });
    const second = await listPosts({ storage }, { ...options, limit: 2, after: first.next! });
    expect(second.posts.map((p) => p.title)).toEqual(['three', 'two']);
    const last = await listPosts({ storage }, { ...options, limit: 2, after: second.next! });
    expect(last).toEqual({ posts: [expect.objectContaining({ title: 'one' })] });
    await expect(listPosts({ storage }, { ...options, limit: 51 })).rejects.toThrow(/limit must be a whole number from 1 to 50, got 51/);
    await expect(listPosts({ storage }, { ...options, limit: 5, after: 'posts/../x' })).rejects.toThrow(/is not a post id/);
  });

  it('getPost gives the whole post, and NOT_FOUND for a missing post or one still without photo', async () => {
    const { storage, options, post } = setUp();
    const { post: shown } = await post('shown');
    const { post: pending } = await post('pending', false);
    expect(await getPost(shown.id, { storage }, options)).toEqual(shown);
    await expect(getPost(pending.id, { storage }, options)).rejects.toThrow(/^post .* has not been uploaded/);
    await expect(getPost('0000000000000-aaaaaaaaaa', { storage }, options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
