/**
 * Signed-in sessions: the cookie holds 32 random bytes; the table holds only their SHA-256, so a
 * leaked copy of the database opens no session. Each session has its own CSRF token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TeamDatabase } from '../../db/team-schema';
import { roleSchema, type Role, type SessionInfo } from '../../shared/team';

export const SESSION_HOURS = 12;

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession extends SessionInfo {
  /** The cookie's value: shown once, never stored. */
  token: string;
}

export class SessionsService {
  constructor(
    private readonly db: Kysely<TeamDatabase>,
    private readonly hours = SESSION_HOURS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async open(user: { name: string; role: Role }): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const created = this.now();
    const expiresAt = new Date(created.getTime() + this.hours * 3_600_000).toISOString();
    await this.db
      .insertInto('team_sessions')
      .values({ id_hash: digest(token), user_name: user.name, csrf_token: csrfToken, created_at: created.toISOString(), expires_at: expiresAt })
      .execute();
    return { token, name: user.name, role: user.role, csrfToken, expiresAt };
  }

  /** The live session of an enabled user, or null (unknown, expired, or the user disabled). */
  async find(token: string): Promise<SessionInfo | null> {
    if (!/^[\w-]{20,100}$/.test(token)) return null;
    const row = await this.db
      .selectFrom('team_sessions')
      .innerJoin('team_users', 'team_users.name', 'team_sessions.user_name')
      .select(['team_users.name', 'team_users.role', 'team_users.disabled_at', 'team_sessions.csrf_token', 'team_sessions.expires_at'])
      .where('team_sessions.id_hash', '=', digest(token))
      .executeTakeFirst();
    if (!row || row.disabled_at !== null || row.expires_at <= this.now().toISOString()) return null;
    const role = roleSchema.safeParse(row.role);
    if (!role.success) return null;
    return { name: row.name, role: role.data, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async close(token: string): Promise<void> {
    await this.db.deleteFrom('team_sessions').where('id_hash', '=', digest(token)).execute();
  }

  /** Expired rows serve no one; the server sweeps them now and then. */
  async sweep(): Promise<number> {
    const result = await this.db.deleteFrom('team_sessions').where('expires_at', '<=', this.now().toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
