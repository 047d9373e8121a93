/**
 * `/api/session`: POST signs in ({"name","password"} → session cookie + CSRF token), GET says who
 * is signed in, DELETE signs out. Failed logins are rate-limited per name and per address.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionsService } from '../../services/team/sessions-service';
import type { UsersService } from '../../services/team/users-service';
import { loginSchema, type SessionInfo } from '../../shared/team';
import { TEAM_ABOUT_PATH, type TeamServerAbout } from '../../shared/team-link';
import { sendError, sendJson } from '../respond';
import { BodyError, readJsonBody } from '../rpc-body';
import type { LoginLimiter } from './login-limiter';
import { clientAddress, csrfHeader, isForeignOrigin, sameSecret, sessionCookie, sessionToken, type TeamRequestPolicy } from './team-request';

export interface SessionRoutes {
  users: UsersService;
  sessions: SessionsService;
  limiter: LoginLimiter;
  policy: TeamRequestPolicy;
  secureCookie: boolean;
  /** Told to anyone at /api/about, so the desktop app can tell an emoqa team server from another site. */
  version: string;
}

const LOGIN_BODY_LIMIT = 16 * 1024;

function info(session: SessionInfo): SessionInfo {
  return { name: session.name, role: session.role, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

async function login(req: IncomingMessage, res: ServerResponse, routes: SessionRoutes): Promise<void> {
  let body: unknown;
  try {
    body = await readJsonBody(req, LOGIN_BODY_LIMIT);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return sendError(res, error.status, { code: 'INVALID_ARGUMENT', message: error.message });
  }
  const parsed = loginSchema.safeParse(body);
  if (!parsed.success) return sendError(res, 400, { code: 'INVALID_ARGUMENT', message: 'send {"name": "…", "password": "…"}' });
  const { name, password } = parsed.data;
  const address = clientAddress(req, routes.policy);
  const wait = await routes.limiter.retryAfterS(name, address);
  if (wait !== null) {
    return sendError(res, 429, { code: 'UNAUTHORIZED', message: `too many failed logins: try again in ${wait} s` }, { 'retry-after': String(wait) });
  }
  const user = await routes.users.verifyLogin(name, password);
  if (!user) {
    await routes.limiter.failed(name, address);
    return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'wrong name or password' });
  }
  await routes.limiter.succeeded(name);
  const session = await routes.sessions.open(user);
  const maxAge = Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000);
  sendJson(res, 200, info(session), { 'set-cookie': sessionCookie(session.token, maxAge, routes.secureCookie) });
}

/** True when the request was for /api/session or /api/about (answered here). */
export async function handleSessionRoute(req: IncomingMessage, res: ServerResponse, url: URL, routes: SessionRoutes): Promise<boolean> {
  if (url.pathname === TEAM_ABOUT_PATH) {
    if (req.method !== 'GET' && req.method !== 'HEAD') sendError(res, 405, { code: 'INVALID_ARGUMENT', message: `use GET on ${TEAM_ABOUT_PATH}` });
    else sendJson(res, 200, { app: 'emoqa', kind: 'team-server', version: routes.version } satisfies TeamServerAbout);
    return true;
  }
  if (url.pathname !== '/api/session') return false;
  if (isForeignOrigin(req, routes.policy)) {
    sendError(res, 403, { code: 'UNAUTHORIZED', message: 'cross-site requests are refused' });
    return true;
  }
  if (req.method === 'POST') {
    await login(req, res, routes);
    return true;
  }
  const token = sessionToken(req);
  const session = token ? await routes.sessions.find(token) : null;
  if (req.method === 'GET') {
    if (session) sendJson(res, 200, info(session));
    else sendError(res, 401, { code: 'UNAUTHORIZED', message: 'not signed in' });
    return true;
  }
  if (req.method === 'DELETE') {
    if (token && session) {
      if (!sameSecret(csrfHeader(req), session.csrfToken)) {
        sendError(res, 403, { code: 'UNAUTHORIZED', message: 'missing or wrong CSRF token' });
        return true;
      }
      await routes.sessions.close(token);
    }
    sendJson(res, 200, { ok: true }, { 'set-cookie': sessionCookie('', 0, routes.secureCookie) });
    return true;
  }
  sendError(res, 405, { code: 'INVALID_ARGUMENT', message: 'use GET, POST or DELETE on /api/session' });
  return true;
}
