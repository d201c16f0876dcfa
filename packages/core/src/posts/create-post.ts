import type { Clock } from '../ports/clock.port.js';
import type { ObjectStore } from '../ports/object-store.port.js';
import type { PresignedUpload, UploadPresigner } from '../ports/upload-presigner.port.js';
import type { PhotoUploadPolicy } from './photo-upload.policy.js';
import { newPostId, postKeys } from './post-id.js';
import { validateNewPost, type Post } from './post.rules.js';

export interface CreatePostDeps {
  readonly storage: ObjectStore;
  readonly presigner: UploadPresigner;
  readonly clock: Clock;
  /** Random bytes for post ids (default: the platform's CSPRNG). */
  readonly random?: (size: number) => Uint8Array;
}

export interface PostsOptions {
  /** The primary bucket: posts and photos live there, and every object in it is backed up. */
  readonly bucket: string;
  readonly policy: PhotoUploadPolicy;
}

export interface CreatedPost {
  readonly post: Post;
  /** Where and how the browser uploads the photo; the post is listed once the photo is there. */
  readonly upload: PresignedUpload;
}

/**
 * A new post: checks the request (InvalidPostError with every problem), stores the post's JSON under a
 * server-chosen key, and returns a presigned POST that lets the browser upload exactly one photo of
 * the declared type, within the size limit, to `posts/<id>/photo`. The JSON is written first, so a
 * photo never exists without its post; a post whose photo never comes stays unlisted.
 */
export async function createPost(input: unknown, deps: CreatePostDeps, options: PostsOptions): Promise<CreatedPost> {
  const request = validateNewPost(input, options.policy);
  const createdAt = deps.clock.now();
  const id = newPostId(createdAt, deps.random);
  const keys = postKeys(id);
  const post: Post = {
    id,
    title: request.title,
    place: request.place,
    text: request.text,
    createdAt: createdAt.toISOString(),
    photo: { key: keys.photo, contentType: request.photo.contentType },
  };
  await deps.storage.put({ bucket: options.bucket, key: keys.post }, JSON.stringify(post), { contentType: 'application/json; charset=utf-8' });
  const upload = await deps.presigner.presignUpload({
    bucket: options.bucket,
    key: keys.photo,
    contentType: request.photo.contentType,
    maxBytes: options.policy.maxBytes,
    expiresSeconds: options.policy.expiresSeconds,
  });
  return { post, upload };
}
