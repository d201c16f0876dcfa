import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from './s3-object-store.js';

/**
 * An S3 endpoint on loopback whose GET answers its headers and a first chunk, then stalls: the
 * hung download of issue 11's finding 9, which no emulator reproduces.
 */
async function stallingS3(): Promise<{ url: string; closed: Promise<void>; server: Server; responses: ServerResponse[] }> {
  let onClosed!: () => void;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const responses: ServerResponse[] = [];
  const server = createServer((request, response) => {
    responses.push(response);
    request.socket.once('close', onClosed);
    response.writeHead(200, { 'content-length': String(1024 * 1024), 'content-type': 'text/plain', etag: '"abc"', 'last-modified': new Date(0).toUTCString() });
    response.write('first words ');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, closed, server, responses };
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('S3ObjectStore read with an abort signal', () => {
  it('stops a stalled download when the signal aborts: the reader gets the reason and the connection is closed', async () => {
    const endpoint = await stallingS3();
    const s3 = new S3Client({ endpoint: endpoint.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    cleanup = () => {
      for (const response of endpoint.responses) response.destroy();
      endpoint.server.close();
      s3.destroy();
    };
    const controller = new AbortController();
    const { info, body } = await new S3ObjectStore(s3).read({ bucket: 'uploads', key: 'hung.txt' }, undefined, { signal: controller.signal });
    expect(info.size).toBe(1024 * 1024);
    const chunks = body[Symbol.asyncIterator]();
    expect(new TextDecoder().decode((await chunks.next()).value)).toBe('first words ');

    const next = chunks.next();
    const reason = new Error('job time limit of 7200 s is over');
    controller.abort(reason);
    await expect(next).rejects.toBe(reason);
    await endpoint.closed;
  });

  it('refuses to start a download whose signal already aborted', async () => {
    const endpoint = await stallingS3();
    const s3 = new S3Client({ endpoint: endpoint.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    cleanup = () => {
      endpoint.server.close();
      s3.destroy();
    };
    const reason = new Error('cancelled');
    await expect(new S3ObjectStore(s3).read({ bucket: 'uploads', key: 'a.txt' }, undefined, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(endpoint.responses).toHaveLength(0);
  });
});
