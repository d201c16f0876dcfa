import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One record of s3rver's `event` emitter: S3 notification shape, but the key is NOT URL-encoded. */
export interface S3rverEventRecord {
  readonly eventName: string;
  readonly eventTime: string;
  readonly s3: {
    readonly bucket: { readonly name: string };
    readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string; readonly sequencer?: string };
  };
}

export interface S3rverEmulator {
  /** `http://127.0.0.1:<port>`; use path-style addressing and credentials S3RVER/S3RVER. */
  readonly endpoint: string;
  /** Subscribes to object events (put, post, copy, delete); returns the unsubscribe function. */
  onEvent(listener: (record: S3rverEventRecord) => void): () => void;
  stop(): Promise<void>;
}

/**
 * s3rver runs in a child Node process because its ListObjectsV2 continuation tokens use DES, which
 * Node 20's OpenSSL 3 only offers with `--openssl-legacy-provider`; setting that flag for a whole test
 * worker would weaken crypto for the code under test. Events cross over IPC. The child exits when the
 * IPC channel closes, so it cannot outlive this process. Four of s3rver's deviations from S3 are
 * patched inside the child (see the script): copy sources with reserved characters, the copy
 * precondition on the source's ETag, and two kinds of ranged read.
 */
export async function startS3rver(): Promise<S3rverEmulator> {
  const directory = await mkdtemp(join(tmpdir(), 'wordfreq-s3rver-'));
  const s3rverPath = createRequire(import.meta.url).resolve('s3rver');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', childScript, s3rverPath, directory], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const listeners = new Set<(record: S3rverEventRecord) => void>();
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') resolve(message.port);
        else if (message.type === 'failed') reject(new Error(`s3rver could not start: ${message.error}`));
        else for (const record of message.records) for (const listener of listeners) listener(record);
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`s3rver exited early with ${code}: ${stderr.join('').trim()}`)));
    });
  } catch (error) {
    child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  child.unref();
  child.channel?.unref();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      listeners.clear();
      await stopChild(child);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; error: string }
  | { type: 'event'; records: S3rverEventRecord[] };

// CommonJS, run with `node -e`: argv[1] is s3rver's resolved path, argv[2] the data directory.
const childScript = `
const path = require('path');
// s3rver decodes x-amz-copy-source with decodeURI, which leaves %2B, %26, %3D... encoded, so a copy
// of "a+b" looks for "a%2Bb". S3 decodes the whole value, form-style: an unencoded "+" is a space
// (a key with a plus must be sent as %2B). Hand s3rver what its decodeURI turns into that key.
// Patched on the controller, which runs after the signature check saw the original.
const objects = require(path.join(path.dirname(process.argv[1]), 'controllers', 'object.js'));
const copy = objects.putObjectCopy;
const S3Error = require(path.join(path.dirname(process.argv[1]), 'models', 'error.js'));
objects.putObjectCopy = async function (ctx) {
  try { ctx.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(ctx.headers['x-amz-copy-source'].split('+').join(' '))); } catch {}
  // s3rver ignores x-amz-copy-source-if-match; S3 answers 412 PreconditionFailed when the source's
  // ETag differs (quotes do not count). A missing source is left to s3rver's own NoSuchKey.
  const ifMatch = ctx.headers['x-amz-copy-source-if-match'];
  if (ifMatch !== undefined) {
    const [bucket, ...key] = decodeURI(ctx.headers['x-amz-copy-source']).replace(/^[/]/, '').split('/');
    const metadata = await ctx.store.getMetadata(bucket, key.join('/')).catch(() => undefined);
    if (metadata && metadata.etag.replace(/"/g, '') !== ifMatch.replace(/"/g, '')) {
      throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'x-amz-copy-source-If-Match' });
    }
  }
  return copy.call(this, ctx);
};
// Ranged reads: S3 answers 416 InvalidRange to any range on an empty object, where s3rver promises
// one byte (Content-Length 1) and never sends it; and s3rver serves all of "bytes=0-0".
const get = objects.getObject;
objects.getObject = async function (ctx) {
  if (/^bytes=/.test(ctx.headers.range || '')) {
    const metadata = await ctx.store.getMetadata(ctx.params.bucket, ctx.params.key).catch(() => undefined);
    if (metadata && Number(metadata['content-length']) === 0) {
      throw new S3Error('InvalidRange', 'The requested range is not satisfiable', { RangeRequested: ctx.get('range'), ActualObjectSize: 0 });
    }
  }
  await get.call(this, ctx);
  // "bytes=0-0" (the first byte) reaches s3rver's store as end 0, which it reads as "no end".
  if (ctx.headers.range === 'bytes=0-0' && ctx.status === 206 && ctx.length > 1) {
    const size = ctx.length;
    ctx.body.destroy();
    ctx.body = require('fs').createReadStream(ctx.store.getResourcePath(ctx.params.bucket, ctx.params.key, 'object'), { start: 0, end: 0 });
    ctx.length = 1;
    ctx.set('Content-Range', 'bytes 0-0/' + size);
  }
};
const S3rver = require(process.argv[1]);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2] });
server.on('event', (event) => process.send({ type: 'event', records: event.Records }));
server.run().then(
  (address) => process.send({ type: 'ready', port: address.port }),
  (error) => { process.send({ type: 'failed', error: String(error && error.stack || error) }); process.exit(1); },
);
// The parent stopped us or died: the data lives in a temporary directory the parent removes.
process.on('disconnect', () => process.exit(0));
`;

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
}
