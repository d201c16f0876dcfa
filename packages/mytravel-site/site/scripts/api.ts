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

// The API's shapes are core's own (type-only: nothing of core is bundled into the pages).
export type { Post, PostSummary } from '@wordfreq/core';
type PhotoRef = import('@wordfreq/core').Post['photo'];

/** Photos are served from the primary bucket through the site's own origin (CloudFront's /posts/*). */
export const photoUrl = (photo: PhotoRef) => `/${photo.key}`;
