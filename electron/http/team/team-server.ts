/**
 * `emoqa server`: the same renderer and contract as browser mode, for a team — sessions instead of
 * the one-time token, roles per method, accounts in the team database (PostgreSQL or SQLite).
 */
import type { TeamDatabaseHandle } from '../../db/team-database';
import type { Handlers } from '../../shared/contract';
import { EmoqaError } from '../../shared/errors';
import { SessionsService } from '../../services/team/sessions-service';
import { teamHandlers } from '../../services/team/team-handlers';
import { UsersService } from '../../services/team/users-service';
import { startHttpServer, type HttpServerHandle, type HttpServerOptions } from '../server';
import { LoginLimiter, type LoginLimits } from './login-limiter';
import { sessionGate } from './session-gate';

export interface TeamServerOptions extends Omit<HttpServerOptions, 'gate' | 'token'> {
  team: TeamDatabaseHandle;
  /** The origin browsers use (behind a TLS proxy: `https://qa.example.com`); https makes the cookie Secure. */
  publicOrigin?: string;
  trustProxy?: boolean;
  limits?: LoginLimits;
  /** Serve `handlers` as given, the team methods included (tests of the gate alone); default: the team database's. */
  keepTeamHandlers?: boolean;
  /** emoqa's version, told at /api/about. */
  version?: string;
}

const SWEEP_MS = 60 * 60 * 1000;

async function refuseProbe(): Promise<never> {
  throw new EmoqaError('INVALID_ARGUMENT', 'this is a team server already: connect to another one from the desktop app');
}

export async function startTeamServer(options: TeamServerOptions): Promise<HttpServerHandle> {
  const sessions = new SessionsService(options.team.db);
  const publicOrigin = options.publicOrigin?.replace(/\/+$/, '');
  const gate = sessionGate({
    users: new UsersService(options.team.db),
    sessions,
    limiter: new LoginLimiter(options.limits),
    policy: { publicOrigin, trustProxy: options.trustProxy ?? false },
    secureCookie: publicOrigin?.startsWith('https://') ?? false,
    version: options.version ?? 'unknown',
  });
  const served = options.keepTeamHandlers ? options.handlers : { ...options.handlers, ...teamHandlers(options.team.db, options.handlers['recordings.list']) };
  // The server never fetches an address a client names (no probing of the server's own network).
  const handlers: Handlers = { ...served, 'teamServer.probe': refuseProbe };
  const server = await startHttpServer({ ...options, handlers, gate });
  await sessions.sweep();
  const sweeper = setInterval(() => void sessions.sweep().catch(() => undefined), SWEEP_MS);
  sweeper.unref();
  return {
    ...server,
    url: publicOrigin ? `${publicOrigin}/` : server.url,
    close: async () => {
      clearInterval(sweeper);
      await server.close();
    },
  };
}
