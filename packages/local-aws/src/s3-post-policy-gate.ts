import { createHmac, randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { decodePostPolicy, evaluatePostPolicy } from '@wordfreq/core';
import { closeServer, loopbackUrl } from './http-server.js';

export interface S3PostPolicyGateOptions {
  /** The s3rver behind the gate, `http://127.0.0.1:<port>`. */
  readonly s3Endpoint: string;
  /** Access key id -> secret, to check the policy's signature as S3 does. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Origins whose pages may read the gate's own refusals (S3 adds the bucket's CORS headers to errors too). */
  readonly corsOrigins?: readonly string[];
  /** Largest form body read before refusing outright (default 64 MiB). */
  readonly maxFormBytes?: number;
  readonly now?: () => Date;
}

export interface S3PostPolicyGate {
  /** Point the presigning S3 client here: `http://127.0.0.1:<port>`, path-style. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * s3rver stores any browser POST upload: it reads the form but ignores its policy and signature
 * (`case 'policy': // unimplemented`). This gate sits in front of it and does what S3 does with a
 * POST object request before storing: it checks the SigV4 signature of the `Policy` field, then the
 * policy (expiry, exact fields, `starts-with`, `content-length-range`, no unnamed fields; core's
 * `evaluatePostPolicy`), and answers S3's XML errors (`EntityTooLarge`, `AccessDenied`,
 * `SignatureDoesNotMatch`). Accepted forms, and every other request, pass to s3rver unchanged, so
 * CORS, storage and events stay s3rver's.
 */
export async function startS3PostPolicyGate(options: S3PostPolicyGateOptions): Promise<S3PostPolicyGate> {
  const target = new URL(options.s3Endpoint);
  const maxFormBytes = options.maxFormBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? (() => new Date());

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) s3Error(req, res, 500, 'InternalError', String(error));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bucket = /^\/([^/?]+)\/?(?:\?.*)?$/.exec(req.url ?? '')?.[1];
    const isForm = req.method === 'POST' && bucket !== undefined && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
    if (!isForm) return forward(req, res);
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxFormBytes) return s3Error(req, res, 400, 'MaxPostPreDataLengthExceeded', 'Your POST request fields preceeding the upload file was too large.');
    const body = await readBody(req, maxFormBytes);
    if (body === undefined) return s3Error(req, res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    const form = await new Response(body, { headers: { 'content-type': req.headers['content-type'] as string } }).formData();
    const fields: Record<string, string> = {};
    let file: Blob | undefined;
    for (const [name, value] of form.entries()) {
      if (name === 'file') {
        file = typeof value === 'string' ? new Blob([value]) : value;
        break; // S3 ignores whatever follows the file
      }
      if (typeof value === 'string') fields[name] = value;
    }
    if (file === undefined) return s3Error(req, res, 400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
    const field = (name: string) => Object.entries(fields).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    const policy = field('policy');
    if (policy === undefined) return s3Error(req, res, 403, 'AccessDenied', 'Bucket POST must contain a field named Policy');
    const signatureProblem = checkSignature(policy, field('x-amz-algorithm'), field('x-amz-credential'), field('x-amz-signature'));
    if (signatureProblem) return s3Error(req, res, 403, signatureProblem.code, signatureProblem.message);
    let document;
    try {
      document = decodePostPolicy(policy);
    } catch (error) {
      return s3Error(req, res, 400, 'InvalidPolicyDocument', `Invalid Policy: ${String(error)}`);
    }
    const verdict = evaluatePostPolicy(document, { ...fields, bucket }, file.size, now());
    if (!verdict.ok) return s3Error(req, res, verdict.code === 'AccessDenied' ? 403 : 400, verdict.code, verdict.message);
    return forward(req, res, body);
  }

  function checkSignature(policy: string, algorithm?: string, credential?: string, signature?: string): { code: string; message: string } | undefined {
    if (algorithm !== 'AWS4-HMAC-SHA256' || credential === undefined || signature === undefined) {
      return { code: 'AccessDenied', message: 'Bucket POST must be signed with X-Amz-Algorithm AWS4-HMAC-SHA256, X-Amz-Credential and X-Amz-Signature' };
    }
    const [accessKeyId, date, region, service] = credential.split('/');
    const secret = accessKeyId === undefined ? undefined : options.secrets[accessKeyId];
    if (secret === undefined || !date || !region || !service) return { code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
    const key = [date, region, service, 'aws4_request'].reduce<Buffer>((k, part) => createHmac('sha256', k).update(part).digest(), Buffer.from(`AWS4${secret}`));
    if (createHmac('sha256', key).update(policy).digest('hex') !== signature) {
      return { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
    }
    return undefined;
  }

  function forward(req: IncomingMessage, res: ServerResponse, body?: Buffer): void {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => s3Error(req, res, 502, 'ServiceUnavailable', `s3rver: ${error.message}`));
    if (body === undefined) req.pipe(upstream);
    else upstream.end(body);
  }

  function s3Error(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
    if (res.headersSent) return void res.destroy();
    const origin = req.headers.origin;
    const cors = origin !== undefined && options.corsOrigins?.includes(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
    res.writeHead(status, { 'content-type': 'application/xml', connection: 'close', ...cors });
    res.end(xml);
    req.resume();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { endpoint: loopbackUrl(server), stop: () => closeServer(server) };
}

/** The whole body, or undefined once it passes `limit` (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
