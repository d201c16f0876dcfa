import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type PostsRoute =
  | { readonly kind: 'list'; readonly query: URLSearchParams }
  | { readonly kind: 'create' }
  | { readonly kind: 'get'; readonly id: string }
  | { readonly kind: 'preflight' }
  | { readonly kind: 'method-not-allowed'; readonly method: string; readonly allow: string }
  | { readonly kind: 'not-found'; readonly path: string };

const collection = /^\/posts\/?$/;
const item = /^\/posts\/([^/]+)$/;

/**
 * Which operation a payload-v2 request asks for: `GET /posts` (newest, paginated), `POST /posts`
 * (create, answer a presigned upload), `GET /posts/{id}`, and `OPTIONS` on either for CORS
 * preflight. By `rawPath` like the visit route, so it works behind a function URL, an HTTP API
 * route or `$default`; a named stage's prefix is stripped.
 */
export function routePostsRequest(event: APIGatewayProxyEventV2): PostsRoute {
  const stage = event.requestContext.stage;
  let path = event.rawPath;
  if (stage && stage !== '$default' && path.startsWith(`/${stage}/`)) path = path.slice(stage.length + 1);
  const method = event.requestContext.http.method.toUpperCase();

  if (collection.test(path)) {
    if (method === 'OPTIONS') return { kind: 'preflight' };
    if (method === 'GET') return { kind: 'list', query: new URLSearchParams(event.rawQueryString ?? '') };
    if (method === 'POST') return { kind: 'create' };
    return { kind: 'method-not-allowed', method, allow: 'GET, POST, OPTIONS' };
  }
  const match = item.exec(path);
  if (match) {
    if (method === 'OPTIONS') return { kind: 'preflight' };
    // Ids are plain ASCII (see core's post-id.ts): no percent-decoding, an encoded one is simply invalid.
    if (method === 'GET') return { kind: 'get', id: match[1] as string };
    return { kind: 'method-not-allowed', method, allow: 'GET, OPTIONS' };
  }
  return { kind: 'not-found', path };
}
