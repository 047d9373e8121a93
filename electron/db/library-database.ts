/**
 * The library as the typed query layer sees it: `Kysely<LibraryDatabase>` over SQLite (the one
 * better-sqlite3 connection the process writes through) or PostgreSQL (a pg pool); every service
 * takes this handle and never knows which database it is.
 *
 * `libraryDb(db)` wraps the connection `openDatabase` returned (the same object every time), so
 * code that still holds the raw connection (CLI commands on a `--db` file, tests that look at rows
 * with SQL) sees the same data and the same transaction. Never `destroy()` that wrapper: it would
 * close the shared connection; `db.close()` stays its owner's job.
 *
 * Transactions go through `libraryTransaction` (see there for why it is safe on one connection).
 */
import { sql, Kysely, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './database';
import type { LibraryDatabase } from './library-schema';

export type LibraryDb = Kysely<LibraryDatabase>;
export type LibraryDialect = 'sqlite' | 'postgres';

const wrappers = new WeakMap<Database, LibraryDb>();
const dialects = new WeakMap<LibraryDb, LibraryDialect>();
const inTransaction = new WeakSet<LibraryDb>();

/** The Kysely view of an open better-sqlite3 library connection (one per connection, cached). */
export function libraryDb(db: Database): LibraryDb {
  let wrapped = wrappers.get(db);
  if (!wrapped) {
    wrapped = new Kysely<LibraryDatabase>({ dialect: new SqliteDialect({ database: db }) });
    wrappers.set(db, wrapped);
    dialects.set(wrapped, 'sqlite');
  }
  return wrapped;
}

/** Records which dialect a library handle speaks (the opener of a PostgreSQL library calls it). */
export function registerLibraryDialect(db: LibraryDb, dialect: LibraryDialect): void {
  dialects.set(db, dialect);
}

export function libraryDialect(db: LibraryDb): LibraryDialect {
  const dialect = dialects.get(db);
  if (!dialect) throw new Error('a library handle not opened by electron/db (libraryDb or openLibraryDatabase)');
  return dialect;
}

/**
 * Runs `body` in ONE transaction, committed when it resolves and rolled back when it throws.
 *
 * PostgreSQL: Kysely's transaction on one pooled client. SQLite: `BEGIN IMMEDIATE` (the write
 * lock is taken at once, as better-sqlite3's `.immediate()` did, so two processes on one file wait
 * on busy_timeout instead of failing to upgrade a read lock) on the driver's single connection,
 * which Kysely holds behind a mutex until the transaction ends: every other Kysely query of the
 * process waits for it. Synchronous better-sqlite3 statements of services not yet converted do
 * not go through that mutex, so the rule for a body is: await only queries of `trx` (no file,
 * network or timer I/O inside). Kysely's SQLite driver settles each query at once, so such a body
 * runs in microtasks only, and no macrotask (an IPC or HTTP request, a timer, a worker's message:
 * where every other statement starts) can run on the connection before it commits.
 */
export async function libraryTransaction<T>(db: LibraryDb, body: (trx: LibraryDb) => Promise<T>): Promise<T> {
  // Already inside one (a converted helper called by a converted writer): join it.
  if (inTransaction.has(db)) return body(db);
  const dialect = libraryDialect(db);
  const enter = (trx: LibraryDb): Promise<T> => {
    inTransaction.add(trx);
    dialects.set(trx, dialect);
    return body(trx);
  };
  if (dialect === 'postgres') return db.transaction().execute((trx: Transaction<LibraryDatabase>) => enter(trx));
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await enter(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      // SQLite may have rolled back on its own (a full disk): nothing left to undo is not a second error.
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
