import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake received: the operation (X-Amz-Target) and its JSON input. */
export interface FakeSfnCall {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

/** What the fake answers a call with: a JSON body (200), or an error `{__type, message}` (status 400 unless given). */
export type FakeSfnAnswer = { readonly body: unknown } | { readonly error: string; readonly message: string; readonly status?: number };

/**
 * A Step Functions endpoint on 127.0.0.1 speaking the service's JSON protocol (awsJson1_0) for the
 * calls the CLI makes, answering each from `answer`: enough to run the real SDK client against, with
 * faults (throttling) injected where a test says.
 */
export async function startFakeStepFunctions(answer: (call: FakeSfnCall, index: number) => FakeSfnAnswer): Promise<{ endpoint: string; calls: FakeSfnCall[]; stop(): Promise<void> }> {
  const calls: FakeSfnCall[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const operation = String(request.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
      const call = { operation, input: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> };
      calls.push(call);
      const reply = answer(call, calls.length - 1);
      const isError = 'error' in reply;
      response.writeHead(isError ? (reply.status ?? 400) : 200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(isError ? { __type: reply.error, message: reply.message } : reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, calls, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
