import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerStatus } from '../worker/queue-worker.js';

/** Receives failing this many times in a row mark the instance unhealthy (the queue is unreachable). */
export const unhealthyAfterReceiveErrors = 3;

export interface HealthVerdict {
  readonly healthy: boolean;
  readonly reason?: string;
}

/**
 * The rule behind GET /health: healthy while polling normally. Draining reports unhealthy so a load
 * balancer stops sending anything our way; repeated receive failures do too, so the Auto Scaling
 * group replaces an instance that lost its way to the queue (role, network) instead of keeping it;
 * and so do stuck jobs once there are as many as slots.
 */
export function judgeHealth(status: WorkerStatus): HealthVerdict {
  if (status.state === 'draining') return { healthy: false, reason: 'draining: finishing in-flight jobs before exit' };
  if (status.state !== 'running') return { healthy: false, reason: `worker is ${status.state}` };
  if (status.receiveErrors >= unhealthyAfterReceiveErrors) {
    return { healthy: false, reason: `the last ${status.receiveErrors} receives from the jobs queue failed` };
  }
  // A stuck job's slot was freed and its message went back to the queue, so a few cost only what
  // they hold. As many as slots means this instance's jobs hang as a rule (a wedged network path,
  // a broken dependency) and their leftovers crowd out the new ones: let the group replace it.
  if (status.stuck.length >= status.concurrency) {
    return { healthy: false, reason: `${status.stuck.length} jobs ran past their time limit and ignored the abort (stuck), as many as the ${status.concurrency} slots` };
  }
  return { healthy: true };
}

export interface HealthServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /health` (and `/`): 200 with the worker's status as JSON when healthy, 503 with the
 * reason when not. HEAD answers the same without a body; other paths 404, other methods 405.
 */
export async function startHealthServer(status: () => WorkerStatus, options: { port: number; host: string }): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/health' && path !== '/') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no such path ${path}; try /health` }));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'content-type': 'application/json', allow: 'GET, HEAD' }).end(JSON.stringify({ error: 'use GET or HEAD' }));
      return;
    }
    const current = status();
    const verdict = judgeHealth(current);
    const body = JSON.stringify({ healthy: verdict.healthy, ...(verdict.reason ? { reason: verdict.reason } : {}), ...current });
    response.writeHead(verdict.healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  // Health checks are short; do not let an idle keep-alive connection hold the process open at exit.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    port,
    url: `http://${shownHost}:${port}/health`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
