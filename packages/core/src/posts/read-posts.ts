import { BadInputError, InternalError, NotFoundError, WordFreqError } from '../errors.js';
import type { ObjectStore } from '../ports/object-store.port.js';
import { checkPostId, postIdPattern, postKeys, postsPrefix } from './post-id.js';
import { excerptOf, type Post } from './post.rules.js';

export interface ReadPostsDeps {
  readonly storage: ObjectStore;
}

/** One line of the home page's list. */
export interface PostSummary {
  readonly id: string;
  readonly title: string;
  readonly place: string;
  readonly excerpt: string;
  readonly createdAt: string;
  readonly photo: Post['photo'];
}

export interface PostsPage {
  readonly posts: readonly PostSummary[];
  /** Pass as `after` for the next (older) page; absent on the last page. */
  readonly next?: string;
}

export const maxPostsPageSize = 50;

/**
 * The newest posts, `limit` at a time, older than the post `after` when given. Listing `posts/`
 * yields each post's folder newest first (see post-id.ts) with its `photo` key beside `post.json`,
 * so one listing tells which posts have their photo; only those are shown. The JSON of each listed
 * post is then read, all at once. Skipping to `after` walks the listing from the start: fine for a
 * forum's first pages; a store with `StartAfter` in its port would make deep pages cheap.
 */
export async function listPosts(deps: ReadPostsDeps, options: { bucket: string; limit: number; after?: string }): Promise<PostsPage> {
  const { bucket, limit, after } = options;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > maxPostsPageSize) {
    throw new BadInputError(`limit must be a whole number from 1 to ${maxPostsPageSize}, got ${limit}`);
  }
  if (after !== undefined) checkPostId(after);
  const complete: string[] = [];
  let current: { id: string; photo: boolean; post: boolean } | undefined;
  for await (const object of deps.storage.list(bucket, postsPrefix)) {
    const [id, name] = object.key.slice(postsPrefix.length).split('/');
    if (id === undefined || !postIdPattern.test(id) || (after !== undefined && id <= after)) continue;
    if (current?.id !== id) current = { id, photo: false, post: false };
    if (name === 'photo') current.photo = object.size > 0;
    if (name === 'post.json') current.post = true;
    if (current.photo && current.post && complete.at(-1) !== id) {
      complete.push(id);
      if (complete.length > limit) break;
    }
  }
  const shown = complete.slice(0, limit);
  const posts = await Promise.all(shown.map((id) => readPost(deps, bucket, id)));
  return {
    posts: posts.map((post) => ({ id: post.id, title: post.title, place: post.place, excerpt: excerptOf(post.text), createdAt: post.createdAt, photo: post.photo })),
    ...(complete.length > limit ? { next: shown.at(-1) } : {}),
  };
}

/** One post with its whole text; NotFoundError when there is no such post or its photo is not there yet. */
export async function getPost(id: string, deps: ReadPostsDeps, options: { bucket: string }): Promise<Post> {
  const keys = postKeys(id);
  try {
    await deps.storage.head({ bucket: options.bucket, key: keys.photo });
  } catch (error) {
    if (WordFreqError.hasCode(error, 'NOT_FOUND')) throw new NotFoundError(`post ${id} does not exist or its photo has not been uploaded`, { cause: error });
    throw error;
  }
  return readPost(deps, options.bucket, id);
}

async function readPost(deps: ReadPostsDeps, bucket: string, id: string): Promise<Post> {
  const key = postKeys(id).post;
  let object;
  try {
    object = await deps.storage.read({ bucket, key });
  } catch (error) {
    if (WordFreqError.hasCode(error, 'NOT_FOUND')) throw new NotFoundError(`post ${id} does not exist`, { cause: error });
    throw error;
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of object.body) chunks.push(chunk);
  const text = new TextDecoder().decode(concat(chunks));
  const post = JSON.parse(text) as Post;
  if (post?.id !== id || typeof post.title !== 'string' || typeof post.text !== 'string') {
    throw new InternalError(`${bucket}/${key} is not a stored post of id ${id}`);
  }
  return post;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
