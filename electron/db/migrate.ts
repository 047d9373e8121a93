import type { Database } from 'better-sqlite3';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { EmoqaError } from '../shared/errors';
import type { Migration, MigrationContext } from './migration-types';
import { MIGRATIONS } from './migrations';
import { migrationKey } from './team-migrations/team-migration';

/** Builds SQLite's statements without a connection: the runner runs them itself, synchronously. */
const sqliteBuilder = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** One step on a SQLite connection, each statement as the schema builder compiled it. */
export function runSqliteStep(db: Database, migration: Migration): void {
  const context: MigrationContext = { db: sqliteBuilder, dialect: 'sqlite' };
  for (const statement of migration.statements(context)) {
    const compiled = statement.compile();
    db.prepare(compiled.sql).run(...compiled.parameters);
  }
}

/** Fails fast on a mis-numbered list: ascending, positive, multiples of 10. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (migration.version <= previous || migration.version % 10 !== 0) {
      throw new EmoqaError('INTERNAL', `migration ${migration.version} (${migration.name}) is out of order or not a step of 10`);
    }
    previous = migration.version;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * For a read-only connection, which may not migrate: the schema must be exactly the one this
 * emoqa writes (an older one is upgraded by opening it once with write access).
 */
export function requireCurrentSchema(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const at = schemaVersion(db);
  const known = migrations.at(-1)?.version ?? 0;
  if (at > known) throw new EmoqaError('DATABASE_TOO_NEW', `the database is at schema ${at}, newer than this emoqa understands (${known})`);
  if (at < known) {
    throw new EmoqaError('CONFLICT', `the database is at schema ${at} and this emoqa needs ${known}: open it once with write access to upgrade it`);
  }
}

export interface MigrationOutcome {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the database to the newest schema: every pending step in ONE transaction (all or none),
 * `PRAGMA user_version` set inside it. A database written by a newer emoqa is refused rather than
 * guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target?: number): MigrationOutcome {
  checkMigrationList(migrations);
  const latest = target ?? migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  const known = migrations.at(-1)?.version ?? 0;
  if (from > known) {
    throw new EmoqaError(
      'DATABASE_TOO_NEW',
      `the database is at schema ${from}, newer than this emoqa understands (${known}); update emoqa or open another database`,
    );
  }
  const pending = migrations.filter((migration) => migration.version > from && migration.version <= latest);
  if (pending.length === 0) return { from, to: from, applied: [] };
  db.transaction(() => {
    for (const migration of pending) {
      runSqliteStep(db, migration);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return { from, to: schemaVersion(db), applied: pending.map(migrationKey) };
}
