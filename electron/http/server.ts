import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handlers, HandlerName, RpcResponse } from '../shared/contract';
import type { RecordingDetail } from '../shared/domain';
import { runAs } from '../services/actor';
import { dispatch } from '../services/dispatch';
import type { EventBus } from '../services/event-bus';
import { newToken, tokenGate, type Tokens } from './auth';
import { isRefusal, type Admission, type ApiRoute, type RequestGate } from './gate';
import { decodeMediaId, openMediaFile, playablePath } from './media-file';
import { refuse, sendError, sendJson, STATUS_BY_CODE } from './respond';
import { BodyError, MAX_BODY_BYTES, readJsonBody } from './rpc-body';
import { serveStatic } from './static-files';

export interface HttpServerOptions {
  handlers: Handlers;
  events?: Pick<EventBus, 'onAny'>;
  /** The built renderer (out/renderer); null serves the API only. */
  staticDir?: string | null;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Tests may fix it; by default a new random token per start. */
  token?: string;
  /** Path of a recording's audio; defaults to `recordings.get(id).path` of a recording that probed as audio. */
  resolveMediaPath?: (recordingId: string) => Promise<string | null>;
  /** Who may use it; default browser mode's per-start token (team mode brings sessions and roles). */
  gate?: RequestGate;
  /** Keep-alive interval of the event stream (tests shorten it). */
  heartbeatMs?: number;
  /** Interface to bind (default 127.0.0.1: browser mode is for this machine only). */
  host?: string;
}

export interface HttpServerHandle {
  /** Opens the app: `http://127.0.0.1:PORT/?token=…` (with a gate of its own: the origin's `/`). */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 15_000;
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "media-src 'self' blob:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  // The token travels in the page URL: never leak it through Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Binary results (waveform peaks) travel as bytes, not as a JSON object of numbered keys. */
function sendResult(res: ServerResponse, response: RpcResponse<HandlerName>): void {
  if (response.ok && response.result instanceof Uint8Array) {
    const bytes = response.result;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength), 'cache-control': 'no-store' });
    res.end(bytes);
    return;
  }
  sendJson(res, response.ok ? 200 : (STATUS_BY_CODE[response.error.code] ?? 500), response);
}

/**
 * The contract over HTTP: browser mode on 127.0.0.1 guarded by a per-start token, or (given a gate)
 * team mode's sessions and roles (team/team-server.ts).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServerHandle> {
  const tokens: Tokens = { api: options.token ?? newToken(), page: newToken() };
  let port = 0;
  const gate = options.gate ?? tokenGate(tokens, () => port);
  const { handlers } = options;
  const resolveMediaPath =
    options.resolveMediaPath ??
    (async (id: string) => {
      const response = await dispatch(handlers, 'recordings.get', { id });
      return response.ok ? playablePath(response.result as RecordingDetail) : null;
    });
  const streams = new Set<ServerResponse>();

  async function handleRpc(req: IncomingMessage, res: ServerResponse, name: string, actor: string | null): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, { code: 'INVALID_ARGUMENT', message: 'use POST for /rpc' });
    let args: unknown;
    try {
      args = await readJsonBody(req);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      // Refused from its Content-Length: nothing was read, so close rather than read 50 MB only to
      // discard them. Refused mid-stream: keep the socket and let Node discard the rest, since closing
      // it while the client still sends resets the connection before the client reads the 413.
      if (error.status === 413 && Number(req.headers['content-length']) > MAX_BODY_BYTES) res.setHeader('connection', 'close');
      return sendError(res, error.status, { code: 'INVALID_ARGUMENT', message: error.message });
    }
    sendResult(res, await runAs(actor, () => dispatch(handlers, name, args)));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, admission: Admission): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const off = options.events?.onAny((event, args) => res.write(`data: ${JSON.stringify({ event, args })}\n\n`));
    // Each beat also asks the gate whether the stream may go on: a signed-out session stops hearing.
    const heartbeat = setInterval(() => {
      void (admission.stillAdmitted?.() ?? Promise.resolve(true)).then(
        (admitted) => (admitted ? res.write(': keep-alive\n\n') : res.end()),
        () => res.end(),
      );
    }, options.heartbeatMs ?? HEARTBEAT_MS);
    const stop = () => {
      clearInterval(heartbeat);
      off?.();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function handleMedia(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { code: 'INVALID_ARGUMENT', message: 'use GET' });
    const path = await resolveMediaPath(id);
    if (!path) return sendError(res, 404, { code: 'NOT_FOUND', message: `no recording ${id}` });
    let media;
    try {
      media = await openMediaFile(path, req.headers.range, req.method === 'HEAD');
    } catch {
      return sendError(res, 404, { code: 'UNREADABLE', message: `the audio of ${id} cannot be read` });
    }
    res.writeHead(media.status, media.headers);
    if (media.body) media.body.pipe(res);
    else res.end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [key, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(key, value);
    const screened = gate.screen(req);
    if (screened) return refuse(res, screened);
    // No CORS is offered: a preflight gets no Access-Control-* header, so the browser sends nothing.
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'cache-control': 'no-store' });
      return void res.end();
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (await gate.own(req, res, url)) return;
    const path = url.pathname;
    const rpc = /^\/rpc\/([\w.]+)$/.exec(path);
    const media = /^\/media\/([^/]+)$/.exec(path);
    const route: ApiRoute | null = rpc ? { kind: 'rpc', name: rpc[1] } : media ? { kind: 'media' } : path === '/events' ? { kind: 'events' } : null;
    const answer = route ? await gate.api(req, url, route) : (gate.page(req, url) ?? { actor: null });
    if (isRefusal(answer)) return refuse(res, answer);
    if (rpc) return handleRpc(req, res, rpc[1], answer.actor);
    if (media) {
      const id = decodeMediaId(media[1]);
      if (id === null) return sendError(res, 400, { code: 'INVALID_ARGUMENT', message: 'malformed recording id in the URL' });
      return handleMedia(req, res, id);
    }
    if (path === '/events') return handleEvents(req, res, answer);
    if (!options.staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendError(res, 404, { code: 'NOT_FOUND', message: `nothing at ${path}` });
    }
    if (path === '/' || path === '/index.html') {
      res.setHeader('content-security-policy', CSP);
      for (const [key, value] of Object.entries(gate.pageHeaders())) res.setHeader(key, value);
    }
    const served = await serveStatic(options.staticDir, path, res, req.method === 'HEAD');
    if (!served) sendError(res, 404, { code: 'NOT_FOUND', message: `nothing at ${path}` });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: (error as Error).message });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${options.host?.includes(':') ? `[${options.host}]` : (options.host ?? '127.0.0.1')}:${port}`;
  return {
    url: options.gate ? `${origin}/` : `${origin}/?token=${encodeURIComponent(tokens.api)}`,
    origin,
    port,
    token: tokens.api,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
