/**
 * The team server as the integration tests run it: accounts in the given team database, the real
 * library services in a temp SQLite file, and a way to call methods over HTTP as a signed-in user.
 */
import { join } from 'node:path';
import { openTeamDatabase, type TeamDatabaseHandle } from '../../../electron/db/team-database';
import { startTeamServer } from '../../../electron/http/team/team-server';
import type { HttpServerHandle } from '../../../electron/http/server';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { UsersService } from '../../../electron/services/team/users-service';
import type { Role } from '../../../electron/shared/team';
import { makeTempDir } from '../../helpers/fixtures';
import { sendRaw } from '../../helpers/http-request';

export interface Answer<R> {
  status: number;
  body: { ok: boolean; result: R; error?: { code: string; message: string } };
}

export interface LibraryTeamServer {
  team: TeamDatabaseHandle;
  services: AppServices;
  server: HttpServerHandle;
  /** Signs in: the cookie and CSRF header to send. */
  headersOf(name: string): Promise<Record<string, string>>;
  /** Signs in, then calls contract methods as that user. */
  as<R = unknown>(name: string): Promise<(method: string, args: object) => Promise<Answer<R>>>;
  close(): Promise<void>;
}

export async function startLibraryTeamServer(url: string, accounts: Array<[name: string, role: Role]>, password: string): Promise<LibraryTeamServer> {
  const temp = makeTempDir('emoqa-team-library-');
  const team = await openTeamDatabase(url);
  const users = new UsersService(team.db);
  for (const [name, role] of accounts) await users.add(name, role, password);
  const services = await createAppServices({ databasePath: join(temp.dir, 'library.sqlite'), appVersion: '0.0.0-test' });
  const server = await startTeamServer({ handlers: services.handlers, events: services.events, team });
  const json = { 'content-type': 'application/json' };

  async function headersOf(name: string): Promise<Record<string, string>> {
    const login = await sendRaw(server.port, '/api/session', { method: 'POST', headers: json, body: JSON.stringify({ name, password }) });
    const { csrfToken } = JSON.parse(login.body.toString()) as { csrfToken: string };
    return { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-emoqa-csrf': csrfToken };
  }

  return {
    team,
    services,
    server,
    headersOf,
    async as<R = unknown>(name: string) {
      const headers = { ...json, ...(await headersOf(name)) };
      return async (method: string, args: object): Promise<Answer<R>> => {
        const response = await sendRaw(server.port, `/rpc/${method}`, { method: 'POST', headers, body: JSON.stringify(args) });
        return { status: response.status, body: JSON.parse(response.body.toString()) as Answer<R>['body'] };
      };
    },
    async close() {
      await server.close();
      await services.close();
      await team.close();
      temp.cleanup();
    },
  };
}
