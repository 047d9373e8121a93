/**
 * Team accounts: names, roles, argon2id password hashes (@node-rs/argon2, OWASP's default
 * parameters), disabling. Plain Node over the team database it is given (SQLite or PostgreSQL).
 */
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { TeamDatabase } from '../../db/team-schema';
import { EmoqaError } from '../../shared/errors';
import { passwordSchema, roleSchema, userNameSchema, type Role } from '../../shared/team';

export interface TeamUser {
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new EmoqaError('INVALID_ARGUMENT', `${what}: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}

/** Compared against when the name is unknown, so a wrong name costs as long as a wrong password. */
let decoyHash: Promise<string> | null = null;

export class UsersService {
  constructor(private readonly db: Kysely<TeamDatabase>) {}

  async add(name: string, role: Role, password: string): Promise<TeamUser> {
    const user = parsed(userNameSchema, name, 'name');
    const checkedRole = parsed(roleSchema, role, 'role');
    const secret = parsed(passwordSchema, password, 'password');
    const existing = await this.db.selectFrom('team_users').select('name').where('name', '=', user).executeTakeFirst();
    if (existing) throw new EmoqaError('CONFLICT', `a user named ${user} exists already`);
    const now = new Date().toISOString();
    await this.db
      .insertInto('team_users')
      .values({ name: user, role: checkedRole, password_hash: await hash(secret), created_at: now, password_changed_at: now, disabled_at: null })
      .execute();
    return { name: user, role: checkedRole, createdAt: now, disabled: false };
  }

  async list(): Promise<TeamUser[]> {
    const rows = await this.db.selectFrom('team_users').select(['name', 'role', 'created_at', 'disabled_at']).orderBy('name').execute();
    return rows.map((row) => ({ name: row.name, role: parsed(roleSchema, row.role, 'stored role'), createdAt: row.created_at, disabled: row.disabled_at !== null }));
  }

  /** Signs the user out everywhere and keeps them out; their name stays on what they did. */
  async disable(name: string): Promise<void> {
    const user = parsed(userNameSchema, name, 'name');
    await this.db.transaction().execute(async (trx) => {
      const result = await trx.updateTable('team_users').set({ disabled_at: new Date().toISOString() }).where('name', '=', user).executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new EmoqaError('NOT_FOUND', `no user named ${user}`);
      await trx.deleteFrom('team_sessions').where('user_name', '=', user).execute();
    });
  }

  /** A new password ends every session opened with the old one. */
  async setPassword(name: string, password: string): Promise<void> {
    const user = parsed(userNameSchema, name, 'name');
    const passwordHash = await hash(parsed(passwordSchema, password, 'password'));
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('team_users')
        .set({ password_hash: passwordHash, password_changed_at: new Date().toISOString() })
        .where('name', '=', user)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new EmoqaError('NOT_FOUND', `no user named ${user}`);
      await trx.deleteFrom('team_sessions').where('user_name', '=', user).execute();
    });
  }

  /** The account when name and password match an enabled user; null otherwise (never says which part was wrong). */
  async verifyLogin(name: string, password: string): Promise<{ name: string; role: Role } | null> {
    const row = await this.db.selectFrom('team_users').select(['name', 'role', 'password_hash', 'disabled_at']).where('name', '=', name).executeTakeFirst();
    if (!row) {
      decoyHash ??= hash('emoqa decoy password, never a real one');
      await verify(await decoyHash, password);
      return null;
    }
    const matches = await verify(row.password_hash, password);
    if (!matches || row.disabled_at !== null) return null;
    return { name: row.name, role: parsed(roleSchema, row.role, 'stored role') };
  }
}
