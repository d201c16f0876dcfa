import { api, ApiError, photoUrl, type PostSummary } from './api.js';
import { byId, el, formatDate } from './dom.js';
import { countVisit } from './visits.js';

void countVisit('home');

const list = byId<HTMLOListElement>('posts');
const status = byId('status');
const older = byId<HTMLAnchorElement>('older');

async function show(): Promise<void> {
  const after = new URLSearchParams(location.search).get('after');
  status.textContent = 'Loading posts…';
  try {
    const page = await api<{ posts: PostSummary[]; next?: string }>(`/posts?limit=12${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    list.replaceChildren(...page.posts.map(card));
    status.textContent = page.posts.length === 0 ? (after ? 'No older posts.' : 'No posts yet. Be the first to write one!') : '';
    if (page.next) {
      older.href = `/?after=${encodeURIComponent(page.next)}`;
      older.hidden = false;
    }
  } catch (error) {
    status.textContent = error instanceof ApiError ? error.message : 'The posts could not be loaded.';
  }
}

function card(post: PostSummary): HTMLLIElement {
  const href = `/post.html?id=${encodeURIComponent(post.id)}`;
  return el(
    'li',
    {},
    el(
      'article',
      { class: 'card' },
      el('a', { href, tabindex: '-1', 'aria-hidden': 'true' }, el('img', { src: photoUrl(post.photo), alt: '', loading: 'lazy', width: '400', height: '300' })),
      el('div', { class: 'card-body' }, el('h2', {}, el('a', { href }, post.title)), meta(post), el('p', { class: 'excerpt' }, post.excerpt)),
    ),
  );
}

function meta(post: { place: string; createdAt: string }): HTMLParagraphElement {
  return el('p', { class: 'meta' }, el('span', { class: 'place' }, post.place), ' · ', el('time', { datetime: post.createdAt }, formatDate(post.createdAt)));
}

void show();
