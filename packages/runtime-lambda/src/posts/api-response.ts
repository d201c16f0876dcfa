import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * JSON answers of the site's API. CORS goes to the site's own origin only: a request from it gets
 * that origin echoed back (with `Vary: Origin` for caches), any other origin gets no CORS headers, so
 * its pages cannot read the answer. API bodies are data, never documents: no scripts, no framing.
 */
export function apiJson(
  event: APIGatewayProxyEventV2,
  siteOrigin: string,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      ...corsHeaders(event, siteOrigin),
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

export function corsHeaders(event: APIGatewayProxyEventV2, siteOrigin: string): Record<string, string> {
  const origin = event.headers?.origin;
  return origin === siteOrigin ? { 'access-control-allow-origin': siteOrigin, vary: 'Origin' } : { vary: 'Origin' };
}

/** The request body as text (HTTP APIs base64-encode bodies they consider binary). */
export function bodyText(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}
