import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { sdkClientConfig } from './aws-client-options.js';

describe('sdkClientConfig', () => {
  it('sets only what is given: region, attempts, and the socket pool', () => {
    expect(sdkClientConfig({ region: 'eu-west-1' })).toEqual({ region: 'eu-west-1' });
    expect(sdkClientConfig({ region: 'eu-west-1', maxAttempts: 5, maxSockets: 80 })).toEqual({
      region: 'eu-west-1',
      maxAttempts: 5,
      requestHandler: { httpAgent: { maxSockets: 80 }, httpsAgent: { maxSockets: 80 } },
    });
  });

  it('lets a client keep more requests open at once than the SDK default of 50', async () => {
    // An endpoint on loopback that answers no GET until `wanted` of them are open at once.
    const wanted = 64;
    const held: ServerResponse[] = [];
    let mostOpen = 0;
    const server = createServer((_request, response) => {
      held.push(response);
      mostOpen = Math.max(mostOpen, held.length);
      if (held.length === wanted) for (const waiting of held.splice(0)) waiting.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const s3 = new S3Client({
      ...sdkClientConfig({ region: 'us-east-1', maxAttempts: 1, maxSockets: wanted }),
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const bodies = await Promise.all(
        Array.from({ length: wanted }, async (_, i) => (await s3.send(new GetObjectCommand({ Bucket: 'b', Key: `k${i}` }))).Body!.transformToString()),
      );
      expect(bodies.every((body) => body === 'ok')).toBe(true);
      expect(mostOpen).toBe(wanted);
    } finally {
      s3.destroy();
      server.closeAllConnections();
      server.close();
    }
  });
});
