import { createServer, type IncomingMessage } from 'node:http';
import { closeServer, loopbackUrl } from '../http-server.js';
import type { AwsErrorDocument } from './aws-error-documents.js';

/** What the fault server saw of one request. */
export interface FaultRequest {
  readonly method: string;
  readonly url: string;
  /** `x-amz-target` (JSON protocols: the operation), when sent. */
  readonly target?: string;
}

export interface AwsFaultServer {
  /** `http://127.0.0.1:<port>`: point a client's `endpoint` here (S3 with `forcePathStyle`). */
  readonly endpoint: string;
  /** Every request answered so far. */
  readonly requests: readonly FaultRequest[];
  stop(): Promise<void>;
}

/**
 * A loopback HTTP server that answers every request with one AWS error document, so the SDK's own
 * deserialisers turn it into the service exception a real throttled or failing service would give.
 * The request body is read before answering, as a service would, so no client sees a reset socket.
 */
export async function startAwsFaultServer(answer: AwsErrorDocument): Promise<AwsFaultServer> {
  const requests: FaultRequest[] = [];
  const server = createServer((req, res) => {
    void drain(req).then(() => {
      const target = req.headers['x-amz-target'];
      requests.push({ method: req.method ?? '', url: req.url ?? '', ...(typeof target === 'string' ? { target } : {}) });
      res.writeHead(answer.status, { ...answer.headers, 'x-amzn-requestid': `fault-${requests.length}`, 'content-length': Buffer.byteLength(answer.body) });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { endpoint: loopbackUrl(server), requests, stop: () => closeServer(server) };
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) {
    // Discarded: only the answer matters.
  }
}
