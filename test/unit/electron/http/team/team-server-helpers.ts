import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { openTeamDatabase, type TeamDatabaseHandle } from '../../../../../electron/db/team-database';
import { startTeamServer } from '../../../../../electron/http/team/team-server';
import type { LoginLimits } from '../../../../../electron/http/team/login-limiter';
import type { HttpServerHandle } from '../../../../../electron/http/server';
import { inputSchemas, type HandlerName, type Handlers } from '../../../../../electron/shared/contract';
import { UsersService } from '../../../../../electron/services/team/users-service';
import type { Role } from '../../../../../electron/shared/team';
import { sendRaw, type RawRequest, type RawResponse } from '../../../../helpers/http-request';

export const PASSWORD = 'team server test password';
export const json = { 'content-type': 'application/json' };

export interface TeamUnderTest {
  server: HttpServerHandle;
  team: TeamDatabaseHandle;
  /** Contract methods the server let through to a handler, in order. */
  called: HandlerName[];
  send(path: string, init?: RawRequest): Promise<RawResponse>;
  /** Signs in; the cookie and CSRF token to send. */
  login(name: string, password?: string): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

/** Every handler answers `{}` and records that it ran: the test is about who gets through. */
function recordingHandlers(called: HandlerName[]): Handlers {
  const names = Object.keys(inputSchemas) as HandlerName[];
  return Object.fromEntries(names.map((name) => [name, async () => {
    called.push(name);
    return {};
  }])) as unknown as Handlers;
}

export async function startTeamUnderTest(url: string, dir: string, limits?: LoginLimits): Promise<TeamUnderTest> {
  const team = await openTeamDatabase(url);
  const users = new UsersService(team.db);
  for (const role of ['reviewer', 'lead', 'admin'] satisfies Role[]) await users.add(role, role, PASSWORD);
  const audio = join(dir, 'call.wav');
  writeFileSync(audio, Buffer.alloc(1000, 7));
  const called: HandlerName[] = [];
  const server = await startTeamServer({
    handlers: recordingHandlers(called), keepTeamHandlers: true, team, limits, heartbeatMs: 100, resolveMediaPath: async (id) => (id === 'rec1' ? audio : null),
  });
  const send = (path: string, init: RawRequest = {}) => sendRaw(server.port, path, init);
  return {
    server,
    team,
    called,
    send,
    async login(name, password = PASSWORD) {
      const response = await send('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ name, password }) });
      if (response.status !== 200) throw new Error(`login of ${name}: HTTP ${response.status} ${response.body.toString()}`);
      const cookie = String(response.headers['set-cookie']).split(';')[0];
      const { csrfToken } = JSON.parse(response.body.toString()) as { csrfToken: string };
      return { cookie, csrf: csrfToken };
    },
    async close() {
      await server.close();
      await team.close();
    },
  };
}
