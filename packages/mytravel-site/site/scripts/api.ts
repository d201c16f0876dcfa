/** What the API answers on failure: a code, a sentence for people, sometimes every problem found. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Calls the site's API (mounted at /api on the same origin) and returns its JSON. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    throw new ApiError(0, 'The forum cannot be reached. Check your connection and try again.');
  }
  const body = (await response.json().catch(() => undefined)) as { message?: string; problems?: string[] } | undefined;
  if (!response.ok) throw new ApiError(response.status, body?.message ?? `The forum answered ${response.status}.`, body?.problems ?? []);
  return body as T;
}

export interface PhotoRef {
  readonly key: string;
  readonly contentType: string;
}

export interface PostSummary {
  readonly id: string;
  readonly title: string;
  readonly place: string;
  readonly excerpt: string;
  readonly createdAt: string;
  readonly photo: PhotoRef;
}

export interface Post extends Omit<PostSummary, 'excerpt'> {
  readonly text: string;
}

/** Photos are served from the primary bucket through the site's own origin (CloudFront's /posts/*). */
export const photoUrl = (photo: PhotoRef) => `/${photo.key}`;
