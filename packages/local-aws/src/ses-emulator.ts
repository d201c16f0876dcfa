import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';
import { closeServer, loopbackUrl } from './http-server.js';

/** A message as aws-ses-v2-local stored it (`GET /store`). */
export interface SentMail {
  readonly messageId: string;
  readonly from: string;
  readonly replyTo: readonly string[];
  readonly destination: { readonly to: readonly string[]; readonly cc: readonly string[]; readonly bcc: readonly string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
  /** Epoch seconds. */
  readonly at: number;
}

export interface SesEmulator {
  /** `http://127.0.0.1:<port>`; SES v1 and v2 APIs. */
  readonly endpoint: string;
  /** Every message sent so far, oldest first. */
  readSentMail(): Promise<SentMail[]>;
  stop(): Promise<void>;
}

type StartSes = (config?: { host?: string; port?: number }) => Promise<Server>;

/**
 * aws-ses-v2-local, in process, on 127.0.0.1. Its mail store is a module-level singleton, so two
 * emulators in one process share mail: callers filter by recipient or message id. It never checks
 * identities, and some identity calls never answer: clients get request timeouts (see the clients).
 */
export async function startSesEmulator(): Promise<SesEmulator> {
  // A CommonJS module with `exports.default`: under ESM the function may sit one level deeper.
  const start = (typeof sesModule === 'function' ? sesModule : (sesModule as unknown as { default: StartSes }).default) as StartSes;
  const server = await start({ host: '127.0.0.1', port: 0 });
  const endpoint = loopbackUrl(server);
  return {
    endpoint,
    async readSentMail() {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`SES emulator: GET /store answered ${response.status}`);
      const store = (await response.json()) as { emails: SentMail[] };
      return store.emails;
    },
    stop: () => closeServer(server),
  };
}
