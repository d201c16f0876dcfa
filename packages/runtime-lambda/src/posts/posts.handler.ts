import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  createPost,
  getPost,
  InvalidPostError,
  listPosts,
  maxPostsPageSize,
  WordFreqError,
  type Clock,
  type Logger,
  type Metrics,
  type ObjectStore,
  type PhotoUploadPolicy,
  type UploadPresigner,
} from '@wordfreq/core';
import { inInvocation } from '../observability/invocation-context.js';
import { apiJson, bodyText, corsHeaders } from './api-response.js';
import { routePostsRequest } from './posts-route.js';

export interface PostsHandlerDeps {
  readonly storage: ObjectStore;
  readonly presigner: UploadPresigner;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface PostsHandlerOptions {
  /** The primary bucket (posts and photos; backed up like every upload). */
  readonly bucket: string;
  readonly policy: PhotoUploadPolicy;
  /** The only origin CORS lets read the answers, e.g. `https://mytravel.example`. */
  readonly siteOrigin: string;
  /** Posts per page when the request does not say (default 12). */
  readonly pageSize?: number;
}

/** Larger create-post bodies are refused before parsing: the text limit is 10,000 characters. */
const maxBodyBytes = 64 * 1024;

/**
 * The forum's posts API (payload format 2.0): create a post (answers the post and a presigned POST
 * for its photo), list the newest posts a page at a time, get one post. Bad input is a 400 that says
 * what is wrong with which field; text is stored as sent (the pages render it as text, never HTML).
 */
export function createPostsHandler(
  deps: PostsHandlerDeps,
  options: PostsHandlerOptions,
): (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2> {
  const { logger, metrics } = deps;
  const pageSize = options.pageSize ?? 12;

  return inInvocation(async (event, context) => {
    const reply = (status: number, body: unknown, headers?: Record<string, string>) => apiJson(event, options.siteOrigin, status, body, headers);
    const badInput = (message: string, problems?: readonly string[]) => reply(400, { error: 'BAD_INPUT', message, ...(problems ? { problems } : {}) });
    const route = routePostsRequest(event);
    try {
      switch (route.kind) {
        case 'not-found':
          return reply(404, { error: 'NOT_FOUND', message: `no such route: ${event.requestContext.http.method} ${route.path}; use GET or POST /posts, or GET /posts/{id}` });
        case 'method-not-allowed':
          return reply(405, { error: 'METHOD_NOT_ALLOWED', message: `${route.method} is not supported here; use ${route.allow}` }, { allow: route.allow });
        case 'preflight':
          return preflight(event, options.siteOrigin);
        case 'list': {
          const limitText = route.query.get('limit');
          const limit = limitText === null ? pageSize : Number(limitText);
          if (!/^\d{1,3}$/.test(limitText ?? '1') || limit < 1 || limit > maxPostsPageSize) {
            return badInput(`limit must be a whole number from 1 to ${maxPostsPageSize}, got ${JSON.stringify(limitText)}`);
          }
          const after = route.query.get('after') ?? undefined;
          const page = await listPosts(deps, { bucket: options.bucket, limit, ...(after === undefined ? {} : { after }) });
          return reply(200, page);
        }
        case 'get': {
          const post = await getPost(route.id, deps, { bucket: options.bucket });
          // A post never changes once its photo is there: caches may keep it a while.
          return reply(200, post, { 'cache-control': 'public, max-age=300' });
        }
        case 'create': {
          const type = event.headers?.['content-type'] ?? '';
          if (!/^application\/json\s*(;|$)/i.test(type)) {
            return reply(415, { error: 'UNSUPPORTED_MEDIA_TYPE', message: `send the post as application/json, not ${type || 'a body without Content-Type'}` });
          }
          const text = bodyText(event);
          if (Buffer.byteLength(text) > maxBodyBytes) return reply(413, { error: 'TOO_LARGE', message: `the request body is over ${maxBodyBytes / 1024} KiB; shorten the text` });
          let input: unknown;
          try {
            input = JSON.parse(text);
          } catch (error) {
            return badInput(`the body is not valid JSON: ${(error as Error).message}`);
          }
          const created = await createPost(input, deps, options);
          metrics.record('PostsCreated', 1, 'Count');
          logger.info('post created', { id: created.post.id, contentType: created.post.photo.contentType });
          return reply(201, created);
        }
      }
    } catch (error) {
      if (error instanceof InvalidPostError) return badInput(error.problems.join('; '), error.problems);
      if (WordFreqError.hasCode(error, 'BAD_INPUT')) return badInput(error.message);
      if (WordFreqError.hasCode(error, 'NOT_FOUND')) return reply(404, { error: 'NOT_FOUND', message: error.message });
      if (WordFreqError.hasCode(error, 'TRANSIENT')) {
        logger.warn('posts storage unavailable', { route: route.kind, error });
        return reply(503, { error: 'TRANSIENT', message: 'the forum is busy; retry shortly', requestId: context.awsRequestId }, { 'retry-after': '1' });
      }
      logger.error('posts request failed', { route: route.kind, error });
      return reply(500, { error: 'INTERNAL', message: 'the request could not be handled', requestId: context.awsRequestId });
    }
  });
}

function preflight(event: APIGatewayProxyEventV2, siteOrigin: string): APIGatewayProxyStructuredResultV2 {
  const origin = event.headers?.origin;
  if (origin !== siteOrigin) {
    return apiJson(event, siteOrigin, 403, { error: 'FORBIDDEN', message: `origin ${origin ?? '(none)'} may not call this API; only ${siteOrigin} may` });
  }
  return {
    statusCode: 204,
    headers: {
      ...corsHeaders(event, siteOrigin),
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    },
  };
}
