import { createServer } from 'node:net';

/**
 * A TCP port that was free on 127.0.0.1 a moment ago. Only for emulators that cannot listen on
 * port 0 themselves (DynamoDB Local is a Java process that takes `-port`); callers retry on a clash.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('the OS gave no port for 127.0.0.1:0'))));
    });
  });
}
