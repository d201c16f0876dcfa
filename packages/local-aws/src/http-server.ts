import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `http://127.0.0.1:<port>` of a listening server. */
export function loopbackUrl(server: Server): string {
  const address = server.address() as AddressInfo | null;
  if (address === null || typeof address !== 'object') throw new Error('emulator server is not listening');
  return `http://127.0.0.1:${address.port}`;
}

/** Closes a server, cutting idle keep-alive sockets so `close` does not wait for SDK connection pools. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
