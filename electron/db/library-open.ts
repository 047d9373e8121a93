/**
 * Opens the library from one URL (`postgresql://…`, or a SQLite file path / `sqlite:PATH`) at the
 * newest schema, as one typed handle. On SQLite it is the usual `openDatabase` connection (WAL,
 * foreign keys, `PRAGMA user_version`), also handed out as `sqlite` for the services that still run
 * synchronous statements; on PostgreSQL a pg pool, its steps recorded by Kysely's migrator in
 * `library_migration` (keys `0010-recordings`…, the same numbers).
 */
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { EmoqaError } from '../shared/errors';
import { openDatabase, type Database } from './database';
import { libraryDb, registerLibraryDialect, type LibraryDb, type LibraryDialect } from './library-database';
import type { LibraryDatabase } from './library-schema';
import { runKyselyMigrations } from './kysely-migrations';
import type { Migration } from './migration-types';
import { MIGRATIONS } from './migrations';
import { parseDatabaseUrl, shownTarget } from './database-url';
import { migrationKey } from './team-migrations/team-migration';

export interface LibraryHandle {
  db: LibraryDb;
  dialect: LibraryDialect;
  /** The database without its password, for log lines. */
  shown: string;
  /** SQLite only: the connection itself, for code that still runs better-sqlite3 statements. */
  sqlite: Database | null;
  close(): Promise<void>;
}

export interface OpenLibraryOptions {
  migrations?: readonly Migration[];
  /** Stop at this schema version (tests of a single migration). */
  targetVersion?: number;
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * A pool whose 8-byte integers and numerics read as numbers, as SQLite's do (`count(*)`, `sum()`
 * of integers, the epoch-ms `lease_until`): every value the library stores fits a double exactly.
 */
async function libraryPool(url: string): Promise<pg.Pool> {
  // Loaded on first use: the desktop app and single-reviewer commands never need the driver.
  const { default: pg } = await import('pg');
  return new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
}

/** Brings a PostgreSQL library to `targetVersion` (default newest), pending steps in one transaction. */
export async function migrateLibraryPostgres(db: Kysely<unknown>, options: OpenLibraryOptions = {}): Promise<string[]> {
  const migrations = options.migrations ?? MIGRATIONS;
  const steps = Object.fromEntries(
    migrations.map((migration) => [
      migrationKey(migration),
      {
        up: async (trx: Kysely<unknown>) => {
          for (const statement of migration.statements({ db: trx, dialect: 'postgres' })) await trx.executeQuery(statement.compile());
        },
      },
    ]),
  );
  const target = options.targetVersion === undefined ? undefined : migrations.find((m) => m.version === options.targetVersion);
  if (options.targetVersion !== undefined && !target) throw new EmoqaError('INVALID_ARGUMENT', `no library migration ${options.targetVersion}`);
  return runKyselyMigrations(db, { steps, table: 'library_migration', target: target && migrationKey(target), what: 'library' });
}

export async function openLibraryDatabase(url: string, options: OpenLibraryOptions = {}): Promise<LibraryHandle> {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') {
    const sqlite = openDatabase(target.path, options);
    return { db: libraryDb(sqlite), dialect: 'sqlite', shown: shownTarget(target), sqlite, close: async () => void sqlite.close() };
  }
  const db = new Kysely<LibraryDatabase>({ dialect: new PostgresDialect({ pool: await libraryPool(target.url) }) });
  registerLibraryDialect(db, 'postgres');
  try {
    await migrateLibraryPostgres(db as Kysely<unknown>, options);
  } catch (error) {
    await db.destroy();
    if (error instanceof EmoqaError) throw error;
    throw new EmoqaError('UNREADABLE', `cannot use the library ${shownTarget(target)}: ${(error as Error).message}`, { cause: error });
  }
  return { db, dialect: 'postgres', shown: shownTarget(target), sqlite: null, close: () => db.destroy() };
}
