import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { protocol, type Session } from 'electron';
import { decodeMediaId, openMediaFile, playablePath } from '../http/media-file';
import { resolveStaticPath } from '../http/static-files';
import type { RpcCall } from '../services/host/services-host';
import type { RecordingDetail } from '../shared/domain';
import { CSP } from './security';

export const APP_ORIGIN = 'app://emoqa';

/** Must run before `app.whenReady()`: custom schemes get their privileges only at startup. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    // The renderer from a custom origin rather than file:// (Electron's security checklist).
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    // Audio streamed with Range; CORS so WebAudio may read it (solo one party).
    { scheme: 'emoqa-media', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

function notFound(): Response {
  return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
}

/** `app://emoqa/…`: the built renderer, nothing outside it. */
export function handleAppProtocol(session: Session, rendererDir: string): void {
  session.protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'emoqa') return notFound();
    const path = resolveStaticPath(rendererDir, url.pathname);
    if (!path) return notFound();
    try {
      const body = await readFile(path);
      // webRequest does not see custom protocols, so the page's CSP travels with the file itself.
      return new Response(body, { headers: { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-security-policy': CSP } });
    } catch {
      return notFound();
    }
  });
}

/** `emoqa-media://recording/<id>`: the audio of a known recording, with HTTP Range; any other path is refused. */
export function handleMediaProtocol(session: Session, call: RpcCall): void {
  session.protocol.handle('emoqa-media', async (request) => {
    const url = new URL(request.url);
    const id = decodeMediaId(url.pathname.replace(/^\//, ''));
    if (url.host !== 'recording' || !id || id.includes('/')) return notFound();
    const found = await call('recordings.get', { id });
    // Only a recording that probed as audio streams (a failed row may name any file).
    const path = found.ok ? playablePath(found.result as RecordingDetail) : null;
    if (!path) return notFound();
    try {
      const media = await openMediaFile(path, request.headers.get('range'), request.method === 'HEAD');
      const body = media.body ? (Readable.toWeb(media.body) as ReadableStream<Uint8Array>) : null;
      return new Response(body, { status: media.status, headers: { ...media.headers, 'access-control-allow-origin': APP_ORIGIN } });
    } catch {
      return notFound();
    }
  });
}
