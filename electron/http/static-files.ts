import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/** The file under `root` that a URL path names, or null when it would escape `root` or is odd. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(join(base, normalize(relative)));
  return full === base || full.startsWith(base + sep) ? full : null;
}

/** Serves a built renderer file; false when there is no such file (the caller answers 404). */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, head: boolean): Promise<boolean> {
  const path = resolveStaticPath(root, urlPath);
  if (!path) return false;
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    // Hashed assets never change; index.html must always be fetched fresh after a rebuild.
    const cache = path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { 'content-type': type, 'content-length': String(info.size), 'cache-control': cache });
    if (head) {
      res.end();
      return true;
    }
    createReadStream(path).pipe(res);
    return true;
  } catch {
    return false;
  }
}
