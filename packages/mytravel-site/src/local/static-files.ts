import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built site as CloudFront serves it from the bucket: `/` is index.html, hashed assets
 * are cached for a year, pages revalidate, nothing outside the folder is reachable, and a missing
 * file is the site's 404 page.
 */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
  const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep) || !(await isFile(file))) return notFound(root, res, headers);
  const immutable = file.startsWith(join(root, 'assets') + sep);
  res.writeHead(200, {
    ...headers,
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

async function notFound(root: string, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const page = join(root, '404.html');
  if (await isFile(page)) {
    res.writeHead(404, { ...headers, 'content-type': types['.html']!, 'cache-control': 'no-cache' });
    return void createReadStream(page).pipe(res);
  }
  res.writeHead(404, { ...headers, 'content-type': types['.txt']! });
  res.end('Not found\n');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
