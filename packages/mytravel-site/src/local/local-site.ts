import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, GetObjectCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { postIdPattern } from '@wordfreq/core';
import { backupHandlerFromEnv, milestoneHandlerFromEnv, postsHandlerFromEnv, visitHandlerFromEnv } from '@wordfreq/runtime-lambda';
import { emulatorCredentials, emulatorRegion, startS3PostPolicyGate, type LocalAws } from '@wordfreq/local-aws';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { siteContentSecurityPolicy, siteSecurityHeaders } from '../content-security-policy.js';
import { localContext, toApiGatewayEvent, writeApiGatewayResult } from './api-gateway-event.js';
import { queueToBackup } from './queue-to-backup.js';
import { serveStatic } from './static-files.js';
import { streamToMilestone } from './stream-to-milestone.js';

export interface LocalSiteOptions {
  /** Port on 127.0.0.1 (default 8080; 0 for any free one). */
  readonly port?: number;
  /** Site-total thresholds that send the congratulation mail (default 1,000,000; e.g. [20] to see one). */
  readonly milestones?: readonly number[];
  /** The forum's primary bucket, created if missing (default `mytravel-primary`). */
  readonly bucket?: string;
  /** The built pages (default: this package's dist/site). */
  readonly siteDir?: string;
  readonly mailTo?: string;
  /** Where the functions' JSON log lines go (default: warnings and errors to stderr; metrics dropped). */
  readonly writeLine?: (line: string) => void;
}

export interface LocalSite {
  /** `http://127.0.0.1:<port>`: the site, its API under /api. */
  readonly url: string;
  readonly bucket: string;
  readonly backupBucket: string;
  readonly milestones: readonly number[];
  /** Where browsers upload photos (the POST policy gate in front of s3rver). */
  readonly uploadEndpoint: string;
  /** Hands every upload made and every visit counted so far to the backup and milestone functions. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const defaultSiteDir = fileURLToPath(new URL('./site', import.meta.url));
const maxApiBodyBytes = 1024 * 1024;

/**
 * MyTravel on the emulated AWS of `npm run local`: the built pages and, under `/api`, the same Lambda
 * handlers as on AWS (posts, visit), each request turned into an API Gateway v2 event. Photos go
 * from the browser to s3rver through a gate that checks their presigned POST policy as S3 does;
 * every object created in the primary bucket reaches the backup function (s3rver events -> queue ->
 * S3 event), and the counters table's stream reaches the milestone function (which mails through
 * the SES emulator), as their triggers would on AWS.
 */
export async function startLocalSite(local: LocalAws, options: LocalSiteOptions = {}): Promise<LocalSite> {
  const { aws } = local;
  const bucket = options.bucket ?? 'mytravel-primary';
  const backupBucket = local.env.WORDFREQ_BACKUP_BUCKET as string;
  const milestones = options.milestones ?? [1_000_000];
  const siteDir = options.siteDir ?? defaultSiteDir;
  const writeLine = options.writeLine ?? warningsToStderr;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };

  try {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port ?? 8080} on 127.0.0.1 is in use; choose another with MYTRAVEL_PORT`) : error),
      );
      server.listen(options.port ?? 8080, '127.0.0.1', () => resolve());
    });
    stops.push(() => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    await aws.clients.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: { name?: string }) => {
      if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
    });
    // What the deployment sets on the primary bucket: pages of the site may post uploads to it.
    await aws.clients.s3.send(new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: { CORSRules: [{ AllowedOrigins: [url], AllowedMethods: ['POST'], AllowedHeaders: ['*'], MaxAgeSeconds: 600 }] },
    }));
    const gate = await startS3PostPolicyGate({ s3Endpoint: aws.endpoints.s3!, secrets: { [emulatorCredentials.accessKeyId]: emulatorCredentials.secretAccessKey }, corsOrigins: [url] });
    stops.push(() => gate.stop());
    const uploadClient = new S3Client({ region: emulatorRegion, credentials: emulatorCredentials, endpoint: gate.endpoint, forcePathStyle: true });
    stops.push(async () => uploadClient.destroy());

    const env = {
      ...local.env,
      WORDFREQ_BUCKET: bucket,
      WORDFREQ_SITE_ORIGIN: url,
      WORDFREQ_MILESTONES: milestones.join(','),
      WORDFREQ_MAIL_FROM: 'milestones@mytravel.example',
      WORDFREQ_MAIL_TO: options.mailTo ?? 'owner@mytravel.example',
      WORDFREQ_MAIL_RESUME_SECONDS: '5',
    };
    const { s3, sqs, dynamodb, ses } = aws.clients;
    const fromEnv = { clients: { s3, sqs, dynamodb, ses }, writeLine };
    const functions = {
      posts: postsHandlerFromEnv(env, { ...fromEnv, uploadClient }),
      visit: visitHandlerFromEnv(env, fromEnv),
      backup: backupHandlerFromEnv(env, fromEnv),
      milestone: milestoneHandlerFromEnv(env, fromEnv),
    };
    const onError = (what: string) => (error: unknown) => writeLine(JSON.stringify({ level: 'error', message: `local ${what} trigger failed`, error: String(error) }));

    const backupQueue = await aws.createQueue({ prefix: 'mytravel-backup-events', maxReceiveCount: null });
    const bridge = aws.bridgeS3EventsToQueue({ queueUrl: backupQueue.url, bucket });
    const backups = queueToBackup({ sqs, queueUrl: backupQueue.url, handler: functions.backup, context: () => localContext('mytravel-backup'), onError: onError('backup') }).start();
    stops.push(() => backups.stop());
    stops.push(() => bridge.stop());
    const mails = streamToMilestone({
      dynamodb,
      streams: aws.clients.dynamodbStreams,
      table: local.env.WORDFREQ_COUNTERS_TABLE as string,
      handler: functions.milestone,
      context: () => localContext('mytravel-milestone'),
      onError: onError('milestone'),
    }).start();
    stops.push(() => mails.stop());

    const pageHeaders = { ...siteSecurityHeaders, 'content-security-policy': siteContentSecurityPolicy({ uploadOrigin: gate.endpoint }) };
    server.on('request', (req, res) => {
      route(req, res).catch((error: unknown) => {
        onError('front')(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error\n');
      });
    });

    async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const path = new URL(req.url ?? '/', url).pathname;
      if (path === '/api' || path.startsWith('/api/')) {
        // The API is mounted at /api, as an API mapping with path "api" would serve it: the function sees the rest.
        const rawPath = path.slice('/api'.length) || '/';
        const handler: ((event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>) | undefined =
          rawPath.startsWith('/posts') ? functions.posts : rawPath.startsWith('/visits/') ? functions.visit : undefined;
        const body = await readBody(req);
        if (handler === undefined) {
          return writeApiGatewayResult(res, { statusCode: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'NOT_FOUND', message: `no API route ${rawPath}; the API has /posts and /visits/{page}` }) });
        }
        if (body === undefined) return writeApiGatewayResult(res, { statusCode: 413, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'TOO_LARGE', message: 'request body over 1 MiB' }) });
        const result = await handler(toApiGatewayEvent(req, rawPath, body), localContext(`mytravel-${handler === functions.posts ? 'posts' : 'visit'}`));
        return writeApiGatewayResult(res, result);
      }
      const photo = /^\/posts\/([^/]+)\/photo$/.exec(path);
      if (photo && postIdPattern.test(photo[1]!) && (req.method === 'GET' || req.method === 'HEAD')) return servePhoto(photo[1]!, res);
      return serveStatic(siteDir, req, res, pageHeaders);
    }

    /** The bucket as CloudFront's origin for `/posts/*`: the photo, with its stored content type. */
    async function servePhoto(id: string, res: ServerResponse): Promise<void> {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `posts/${id}/photo` }));
        res.writeHead(200, { ...siteSecurityHeaders, 'content-type': object.ContentType ?? 'application/octet-stream', 'cache-control': 'public, max-age=86400' });
        (object.Body as NodeJS.ReadableStream).pipe(res);
      } catch (error) {
        if ((error as { name?: string }).name !== 'NoSuchKey') throw error;
        res.writeHead(404, { ...siteSecurityHeaders, 'content-type': 'text/plain' });
        res.end('no such photo\n');
      }
    }

    return {
      url,
      bucket,
      backupBucket,
      milestones,
      uploadEndpoint: gate.endpoint,
      async drain() {
        await bridge.drain();
        await backups.drain();
        await mails.drain();
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxApiBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= maxApiBodyBytes ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

function warningsToStderr(line: string): void {
  try {
    const entry = JSON.parse(line) as { level?: string; _aws?: unknown };
    if (entry._aws === undefined && (entry.level === 'warn' || entry.level === 'error')) process.stderr.write(`${line}\n`);
  } catch {
    process.stderr.write(`${line}\n`);
  }
}
