/**
 * The team database: one typed query layer (Kysely) over PostgreSQL (`postgresql://…`) or SQLite
 * (a file path or `sqlite:PATH`), opened from one URL and brought to the newest team schema.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect, type Migration } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { EmoqaError } from '../shared/errors';
import { configureConnection } from './database';
import { parseDatabaseUrl, shownTarget, type DatabaseTarget } from './database-url';
import { runKyselyMigrations } from './kysely-migrations';
import type { TeamDatabase } from './team-schema';
import { TEAM_MIGRATIONS } from './team-migrations';
import { migrationKey, type TeamMigration } from './team-migrations/team-migration';

export { DATABASE_URL_ENV, parseDatabaseUrl, resolveDatabaseUrl, shownTarget, type DatabaseTarget } from './database-url';

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
