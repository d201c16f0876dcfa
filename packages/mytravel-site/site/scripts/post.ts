import { api, ApiError, photoUrl, type Post } from './api.js';
import { byId, el, formatDate } from './dom.js';
import { countVisit } from './visits.js';

const id = new URLSearchParams(location.search).get('id') ?? '';
void countVisit(id ? `post-${id}` : 'post');

const article = byId('post');
const status = byId('status');

async function show(): Promise<void> {
  if (!id) {
    status.textContent = 'No post was named in the address. Go back to the newest posts.';
    return;
  }
  try {
    const post = await api<Post>(`/posts/${encodeURIComponent(id)}`);
    document.title = `${post.title} · MyTravel`;
    article.replaceChildren(
      el('h1', {}, post.title),
      el('p', { class: 'meta' }, el('span', { class: 'place' }, post.place), ' · ', el('time', { datetime: post.createdAt }, formatDate(post.createdAt))),
      el('img', { class: 'photo', src: photoUrl(post.photo), alt: `Photo: ${post.title}` }),
      el('div', { class: 'post-text' }, post.text),
    );
    status.textContent = '';
  } catch (error) {
    status.textContent =
      error instanceof ApiError && error.status === 404
        ? 'This post does not exist, or its photo is still being uploaded.'
        : error instanceof ApiError
          ? error.message
          : 'The post could not be loaded.';
  }
}

void show();
