// A pass-through HTTP proxy in front of one emulator that counts and times the worker's API requests
// (S3 by method, SQS and DynamoDB by X-Amz-Target), so the bench sees requests per job without any
// instrumentation inside the worker process.
import { Agent, createServer, request } from 'node:http';

/** What one request was: `s3:GET`, `sqs:ReceiveMessage`, `dynamodb:PutItem`, ... */
function operationOf(service, req) {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return `${service}:${target.slice(target.indexOf('.') + 1)}`;
  return `${service}:${req.method}`;
}

/**
 * Starts a proxy to `target` (`http://127.0.0.1:port`). `stats` maps operation -> { count, ms };
 * `onResponse(op, reqBody, status)` sees each finished request (the bench counts published results with it).
 */
export async function startCountingProxy(service, target, onResponse = () => {}) {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const stats = new Map();
  // With BENCH_TRACE, every request as [operation, start, end] (the pipeline section writes them out).
  let trace = process.env.BENCH_TRACE ? [] : undefined;
  const server = createServer((req, res) => {
    const op = operationOf(service, req);
    const started = performance.now();
    const chunks = [];
    // Only SQS bodies are kept (small JSON); S3 bodies stream straight through.
    if (service === 'sqs') req.on('data', (chunk) => chunks.push(chunk));
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        upstreamRes.on('end', () => {
          const entry = stats.get(op) ?? { count: 0, ms: 0 };
          entry.count += 1;
          entry.ms += performance.now() - started;
          stats.set(op, entry);
          trace?.push([op, started, performance.now()]);
          onResponse(op, service === 'sqs' ? Buffer.concat(chunks).toString('utf8') : '', upstreamRes.statusCode);
        });
      },
    );
    out.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(out);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    stats,
    reset: () => {
      stats.clear();
      if (trace) trace = [];
    },
    trace: () => trace ?? [],
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
