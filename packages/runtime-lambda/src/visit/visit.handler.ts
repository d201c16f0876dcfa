import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { validatePageId, WordFreqError, type CounterStore, type Logger, type Metrics, type VisitCounts } from '@wordfreq/core';
import { inInvocation } from '../observability/invocation-context.js';
import { allowedMethods, routeVisitRequest } from './visit-route.js';

export interface VisitHandlerDeps {
  readonly counters: CounterStore;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** The response body of both routes. */
export interface VisitResponse {
  readonly page: string;
  readonly pageVisits: number;
  readonly totalVisits: number;
}

/**
 * The visit API behind an HTTP API or a function URL (payload format 2.0):
 * `POST /visits/{page}` counts a visit, `GET /visits/{page}` reads without counting.
 *
 * It only counts. The milestone mail is the stream handler's job (DynamoDB Streams on the counters
 * table sees every increment's old and new total), which keeps this function's permissions to the
 * counters table and its latency free of SES calls; that is why it uses the counter port directly
 * rather than `recordVisit`, which also announces.
 */
export function createVisitHandler(deps: VisitHandlerDeps): (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2> {
  const { counters, logger, metrics } = deps;

  return inInvocation(async (event, context) => {
    const route = routeVisitRequest(event);
    switch (route.kind) {
      case 'not-http':
        return json(400, { error: 'BAD_INPUT', message: `the event has no ${route.missing}; this function takes HTTP API or function URL requests (payload format 2.0)` });
      case 'not-found':
        return json(404, { error: 'NOT_FOUND', message: `no such route: ${echo(event.requestContext.http.method)} ${echo(route.path)}; use POST or GET /visits/{page}` });
      case 'method-not-allowed':
        return json(405, { error: 'METHOD_NOT_ALLOWED', message: `${echo(route.method)} is not supported on /visits/{page}; use POST to count a visit or GET to read` }, { allow: allowedMethods });
      case 'bad-encoding':
        return json(400, { error: 'BAD_INPUT', message: `page segment "${echo(route.segment)}" is not valid percent-encoding of UTF-8 text` });
    }

    let page: string;
    try {
      page = validatePageId(route.page);
    } catch (error) {
      if (!WordFreqError.hasCode(error, 'BAD_INPUT')) throw error;
      return json(400, { error: error.code, message: error.message });
    }

    try {
      let counts: VisitCounts;
      if (route.kind === 'record') {
        const increment = await counters.increment(page);
        counts = { page: increment.page, pageVisits: increment.pageVisits, totalVisits: increment.totalAfter };
        metrics.record('VisitsRecorded', 1, 'Count');
      } else {
        counts = await counters.read(page);
      }
      const body: VisitResponse = { page: counts.page, pageVisits: counts.pageVisits, totalVisits: counts.totalVisits };
      logger.debug(route.kind === 'record' ? 'visit recorded' : 'visits read', { ...body });
      return json(200, body);
    } catch (error) {
      if (WordFreqError.hasCode(error, 'TRANSIENT')) {
        logger.warn('counter store unavailable', { page, error });
        return json(503, { error: 'TRANSIENT', message: 'the visit counter is busy; retry shortly', requestId: context.awsRequestId }, { 'retry-after': '1' });
      }
      logger.error('visit failed', { page, error });
      return json(500, { error: 'INTERNAL', message: 'the visit could not be handled', requestId: context.awsRequestId });
    }
  });
}

const echoedChars = 120;

/** What a response repeats of the request: a prefix, so a 100 KB path is not sent back whole. */
function echo(text: string): string {
  const chars = [...text];
  return chars.length <= echoedChars ? text : `${chars.slice(0, echoedChars).join('')}…(${chars.length} characters)`;
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
