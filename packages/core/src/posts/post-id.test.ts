import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPostId, newPostId, postIdPattern, postIdTime, postKeys } from './post-id.js';

describe('post ids', () => {
  it('sort newest first, and give back their creation time', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.nat({ max: 10 ** 9 }), (older, gapMs) => {
        const newer = new Date(older.getTime() + gapMs + 1);
        const a = newPostId(older);
        const b = newPostId(newer);
        return postIdPattern.test(a) && b < a && postIdTime(a).getTime() === older.getTime();
      }),
    );
  });

  it('put the post and its photo side by side under posts/<id>/', () => {
    const id = newPostId(new Date('2026-12-01T00:00:00Z'), (size) => new Uint8Array(size).fill(33));
    expect(id).toBe('8203916799999-bbbbbbbbbb'); // 9999999999999 - 1796083200000; byte 33 % 32 = 1
    expect(postKeys(id)).toEqual({ folder: `posts/${id}/`, post: `posts/${id}/post.json`, photo: `posts/${id}/photo` });
  });

  it('refuse anything else, so a request can never name another key', () => {
    for (const bad of ['', '../etc', '8235269199999-cccccccccc/../x', '8235269199999-CCCCCCCCCC', '1-abc']) {
      expect(() => checkPostId(bad)).toThrow(/^post id .* is not a post id/);
    }
  });
});
