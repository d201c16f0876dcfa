import { api, ApiError, type Post } from './api.js';
import { byId, el } from './dom.js';
import { countVisit } from './visits.js';

void countVisit('new');

interface Created {
  readonly post: Post;
  readonly upload: { readonly url: string; readonly fields: Readonly<Record<string, string>> };
}

const form = byId<HTMLFormElement>('new-post');
const photo = byId<HTMLInputElement>('photo');
const preview = byId<HTMLImageElement>('preview');
const problems = byId('problems');
const progress = byId('progress');
const submit = byId<HTMLButtonElement>('submit');

photo.addEventListener('change', () => {
  const file = photo.files?.[0];
  if (preview.src) URL.revokeObjectURL(preview.src);
  preview.hidden = !file || !file.type.startsWith('image/');
  if (file && !preview.hidden) preview.src = URL.createObjectURL(file);
});

// A file the browser cannot show (not really an image) gets no preview rather than a broken one.
preview.addEventListener('error', () => {
  preview.hidden = true;
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void send();
});

async function send(): Promise<void> {
  const file = photo.files?.[0];
  const data = new FormData(form);
  if (!file) return showProblems('Choose a photo to go with your post.');
  submit.disabled = true;
  showProblems();
  try {
    progress.textContent = 'Saving your post…';
    const created = await api<Created>('/posts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: data.get('title'), place: data.get('place'), text: data.get('text'), photo: { contentType: file.type, size: file.size } }),
    });
    progress.textContent = 'Uploading the photo…';
    await upload(created, file);
    progress.textContent = 'Published.';
    location.assign(`/post.html?id=${encodeURIComponent(created.post.id)}`);
  } catch (error) {
    progress.textContent = '';
    if (error instanceof ApiError && error.problems.length > 0) showProblems(...error.problems.map(sentence));
    else showProblems(error instanceof Error ? error.message : String(error));
  } finally {
    submit.disabled = false;
  }
}

/** The presigned POST: every field the API gave, in order, then the file last (S3 ignores what follows it). */
async function upload(created: Created, file: File): Promise<void> {
  const body = new FormData();
  for (const [name, value] of Object.entries(created.upload.fields)) body.append(name, value);
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch(created.upload.url, { method: 'POST', body });
  } catch {
    throw new Error('The photo could not be uploaded: the storage could not be reached. Try again.');
  }
  if (response.ok) return;
  const xml = await response.text();
  const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
  const readable: Record<string, string> = {
    EntityTooLarge: 'The photo is larger than the upload allows (10 MB). Choose a smaller photo.',
    EntityTooSmall: 'The photo file is empty. Choose another photo.',
    AccessDenied: 'The storage refused the photo: it is not the file the post was prepared for (type or name). Choose the photo again.',
  };
  throw new Error(readable[code ?? ''] ?? `The photo could not be uploaded (${code ?? response.status}). Try again.`);
}

function showProblems(...messages: string[]): void {
  problems.replaceChildren(...(messages.length > 0 ? [el('p', {}, messages.length === 1 ? 'Your post was not published:' : 'Your post was not published. Please fix these:'), el('ul', {}, ...messages.map((m) => el('li', {}, m)))] : []));
  problems.hidden = messages.length === 0;
  if (messages.length > 0) problems.focus();
}

/** "photo is 11 MB; the limit is 10 MB" -> "Photo is 11 MB; the limit is 10 MB." */
function sentence(problem: string): string {
  return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
}
