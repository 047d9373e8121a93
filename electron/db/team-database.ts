/**
 * The team database: one typed query layer (Kysely) over PostgreSQL (`postgresql://…`) or SQLite
 * (a file path or `sqlite:PATH`), opened from one URL and brought to the newest team schema.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect, type Migration } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { EmoqaError } from '../shared/errors';
import { configureConnection } from './database';
import { runKyselyMigrations } from './kysely-migrations';
import type { TeamDatabase } from './team-schema';
import { TEAM_MIGRATIONS } from './team-migrations';
import { migrationKey, type TeamMigration } from './team-migrations/team-migration';

export type DatabaseTarget = { dialect: 'postgres'; url: string } | { dialect: 'sqlite'; path: string };

export const DATABASE_URL_ENV = 'EMOQA_DATABASE_URL';

const urlText = z.string().trim().min(1, 'the database URL is empty').max(4096);

/** `postgresql://…` / `postgres://…`, `sqlite:PATH` / `sqlite://PATH`, or a plain file path. */
export function parseDatabaseUrl(text: string): DatabaseTarget {
  const parsed = urlText.safeParse(text);
  if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', `bad database URL: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const value = parsed.data;
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: 'postgres', url: value };
  const sqlite = /^sqlite:(\/\/)?(.+)$/i.exec(value);
  if (sqlite) return { dialect: 'sqlite', path: sqlite[2] === ':memory:' ? ':memory:' : resolve(sqlite[2]) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new EmoqaError('INVALID_ARGUMENT', `unsupported database URL ${value.split('://')[0]}://…: use postgresql://… or a SQLite file path`);
  }
  return { dialect: 'sqlite', path: value === ':memory:' ? value : resolve(value) };
}

/** The option, else $EMOQA_DATABASE_URL; neither is an error (team mode names its database). */
export function resolveDatabaseUrl(given: string | undefined): string {
  const url = given ?? process.env[DATABASE_URL_ENV];
  if (!url) throw new EmoqaError('INVALID_ARGUMENT', `name the team database: --database-url URL or $${DATABASE_URL_ENV}`);
  return url;
}

export interface TeamDatabaseHandle {
  db: Kysely<TeamDatabase>;
  dialect: DatabaseTarget['dialect'];
  /** The database without its password, for log lines. */
  shown: string;
  close(): Promise<void>;
}

export interface OpenTeamDatabaseOptions {
  /** Stop at this schema version (tests of a single migration). */
  targetVersion?: number;
  migrations?: readonly TeamMigration[];
}

function dialectFor(target: DatabaseTarget): Dialect {
  if (target.dialect === 'postgres') return new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 10 }) });
  if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
  const sqlite = new BetterSqlite3(target.path);
  configureConnection(sqlite, false);
  return new SqliteDialect({ database: sqlite });
}

/** The database without its password, for log lines. */
export function shownTarget(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return target.path;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * Brings the team schema to `targetVersion` (default: newest), all pending steps in one
 * transaction (both dialects have transactional DDL). A database with a step this emoqa does not
 * know was written by a newer one: refused.
 */
export async function migrateTeamDatabase(db: Kysely<TeamDatabase>, options: OpenTeamDatabaseOptions = {}): Promise<string[]> {
  const migrations = options.migrations ?? TEAM_MIGRATIONS;
  const steps: Record<string, Migration> = Object.fromEntries(migrations.map((m) => [migrationKey(m), { up: (k) => m.up(k) }]));
  const target = options.targetVersion === undefined ? undefined : migrations.find((m) => m.version === options.targetVersion);
  if (options.targetVersion !== undefined && !target) throw new EmoqaError('INVALID_ARGUMENT', `no team migration ${options.targetVersion}`);
  return runKyselyMigrations(db as Kysely<unknown>, { steps, table: 'team_migration', target: target && migrationKey(target), what: 'team database' });
}

export async function openTeamDatabase(url: string, options: OpenTeamDatabaseOptions = {}): Promise<TeamDatabaseHandle> {
  const target = parseDatabaseUrl(url);
  let db: Kysely<TeamDatabase>;
  try {
    db = new Kysely<TeamDatabase>({ dialect: dialectFor(target) });
  } catch (error) {
    throw new EmoqaError('UNREADABLE', `cannot open the team database ${shownTarget(target)}: ${(error as Error).message}`, { cause: error });
  }
  try {
    await migrateTeamDatabase(db, options);
  } catch (error) {
    await db.destroy();
    if (error instanceof EmoqaError) throw error;
    throw new EmoqaError('UNREADABLE', `cannot use the team database ${shownTarget(target)}: ${(error as Error).message}`, { cause: error });
  }
  return { db, dialect: target.dialect, shown: shownTarget(target), close: () => db.destroy() };
}
