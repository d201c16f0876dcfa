import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type VisitRoute =
  | { readonly kind: 'record'; readonly page: string }
  | { readonly kind: 'read'; readonly page: string }
  | { readonly kind: 'method-not-allowed'; readonly method: string }
  | { readonly kind: 'bad-encoding'; readonly segment: string }
  | { readonly kind: 'not-found'; readonly path: string }
  | { readonly kind: 'not-http'; readonly missing: string };

export const allowedMethods = 'GET, POST';

const visitPath = /^\/visits\/([^/]+)$/;

/**
 * Which of the two operations a payload-v2 request (HTTP API or function URL) asks for. Routing is by
 * `rawPath`, not `pathParameters`, so the same function works behind a function URL (no route
 * templates) and behind an HTTP API route `ANY /visits/{page}` or `$default`; a named stage's prefix
 * (`/prod/visits/x`) is stripped.
 */
export function routeVisitRequest(event: APIGatewayProxyEventV2): VisitRoute {
  // A direct invoke, a test event or another trigger may lack what API Gateway always sends.
  const untrusted = event as Partial<APIGatewayProxyEventV2> | null | undefined;
  if (typeof untrusted?.requestContext !== 'object' || untrusted.requestContext === null) return { kind: 'not-http', missing: 'requestContext' };
  if (typeof untrusted.rawPath !== 'string') return { kind: 'not-http', missing: 'rawPath' };
  if (typeof untrusted.requestContext.http?.method !== 'string') return { kind: 'not-http', missing: 'requestContext.http.method' };
  const stage = event.requestContext.stage;
  let path = event.rawPath;
  if (stage && stage !== '$default' && path.startsWith(`/${stage}/`)) path = path.slice(stage.length + 1);

  const match = visitPath.exec(path);
  if (!match) return { kind: 'not-found', path };
  const segment = match[1] as string;
  let page: string;
  try {
    page = decodeURIComponent(segment);
  } catch {
    return { kind: 'bad-encoding', segment };
  }

  const method = event.requestContext.http.method.toUpperCase();
  if (method === 'POST') return { kind: 'record', page };
  if (method === 'GET') return { kind: 'read', page };
  return { kind: 'method-not-allowed', method };
}
