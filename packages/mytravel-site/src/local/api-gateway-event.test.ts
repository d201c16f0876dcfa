import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { toApiGatewayEvent, writeApiGatewayResult } from './api-gateway-event.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Sends one real HTTP request through a server that converts it, and returns the event and the response. */
async function roundTrip(options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer }) {
  let event: APIGatewayProxyEventV2 | undefined;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      event = toApiGatewayEvent(req, req.url!.replace(/^\/api/, '').split('?')[0]!, Buffer.concat(chunks), new Date('2026-12-01T10:00:00Z'));
      writeApiGatewayResult(res, { statusCode: 201, headers: { 'Content-Type': 'application/json', 'X-Thing': 'a' }, cookies: ['a=1', 'b=2'], body: '{"ok":true}' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => server.close();
  const port = (server.address() as AddressInfo).port;
  const response = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
  return { event: event!, response };
}

describe('the local front, HTTP <-> API Gateway payload 2.0', () => {
  it('turns a JSON POST into an HTTP API event: path without the mount, raw query, text body, cookies apart', async () => {
    const { event } = await roundTrip({
      method: 'POST',
      path: '/api/posts?limit=5&after=x%20y',
      headers: { 'Content-Type': 'application/json', Cookie: 'a=1; b=2', Origin: 'http://127.0.0.1:8080' },
      body: Buffer.from('{"title":"é"}'),
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/posts',
      rawQueryString: 'limit=5&after=x%20y',
      queryStringParameters: { limit: '5', after: 'x y' },
      cookies: ['a=1', 'b=2'],
      isBase64Encoded: false,
      body: '{"title":"é"}',
      requestContext: { http: { method: 'POST', path: '/posts', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' }, stage: '$default', timeEpoch: Date.parse('2026-12-01T10:00:00Z') },
    });
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', origin: 'http://127.0.0.1:8080' });
    expect(event.headers.cookie).toBeUndefined();
  });

  it('base64-encodes a binary body and leaves an empty one out', async () => {
    const bytes = Buffer.from([0, 255, 1, 254]);
    const binary = await roundTrip({ method: 'PUT', path: '/api/x', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect(binary.event).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });
    const empty = await roundTrip({ method: 'GET', path: '/api/visits/home' });
    expect(empty.event.body).toBeUndefined();
    expect(empty.event.rawQueryString).toBe('');
  });

  it('writes the function result back: status, lower-cased headers, Set-Cookie per cookie, body', async () => {
    const { response } = await roundTrip({ method: 'GET', path: '/api/posts' });
    expect(response.status).toBe(201);
    expect(response.headers).toMatchObject({ 'content-type': 'application/json', 'x-thing': 'a', 'set-cookie': ['a=1', 'b=2'], 'content-length': '11' });
    expect(response.body).toBe('{"ok":true}');
  });
});
