/**
 * Team mode's gate: every API request needs a live session (401 without), comes from this
 * server's own origin (403 otherwise), carries the session's CSRF token when it calls a method,
 * and calls only methods its role allows (403, see method-roles.ts). The renderer's files are
 * public (they are the same bundle for everyone and hold the login page).
 */
import { isHandlerName } from '../../shared/contract';
import { roleAllows } from '../../shared/team';
import type { RequestGate } from '../gate';
import type { Refusal } from '../respond';
import { METHOD_ROLES } from './method-roles';
import { handleSessionRoute, type SessionRoutes } from './session-routes';
import { csrfHeader, isForeignOrigin, sameSecret, sessionToken } from './team-request';

const refusal = (status: number, code: 'UNAUTHORIZED' | 'PERMISSION_DENIED', message: string): Refusal => ({ status, error: { code, message } });

export function sessionGate(routes: SessionRoutes): RequestGate {
  return {
    screen: () => null,
    own: (req, res, url) => handleSessionRoute(req, res, url, routes),
    async api(req, _url, route) {
      if (isForeignOrigin(req, routes.policy)) return refusal(403, 'UNAUTHORIZED', 'cross-site requests are refused');
      const token = sessionToken(req);
      const session = token ? await routes.sessions.find(token) : null;
      if (!session) return refusal(401, 'UNAUTHORIZED', 'sign in first (POST /api/session)');
      const admitted = { actor: session.name, stillAdmitted: async () => (token ? (await routes.sessions.find(token)) !== null : false) };
      if (route.kind !== 'rpc') return admitted;
      // Methods are POSTs; a page elsewhere cannot read the token, so it cannot send it.
      if (!sameSecret(csrfHeader(req), session.csrfToken)) return refusal(403, 'UNAUTHORIZED', 'missing or wrong CSRF token');
      if (!isHandlerName(route.name)) return admitted;
      const needed = METHOD_ROLES[route.name];
      if (!roleAllows(session.role, needed)) {
        return refusal(403, 'PERMISSION_DENIED', `${route.name} needs the ${needed} role; ${session.name} is a ${session.role}`);
      }
      return admitted;
    },
    page: () => null,
    pageHeaders: () => ({}),
  };
}
