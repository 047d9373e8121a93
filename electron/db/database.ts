import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmoqaError } from '../shared/errors';
import { migrate, requireCurrentSchema } from './migrate';
import type { Migration } from './migration-types';

export type { Database } from 'better-sqlite3';

export interface OpenDatabaseOptions {
  /** Defaults to every migration; tests pass a prefix to build an older schema. */
  migrations?: readonly Migration[];
  /** Stop at this schema version (tests of a single migration). */
  targetVersion?: number;
  readonly?: boolean;
}

/** Every connection's settings (the library's and the team database's on SQLite). */
export function configureConnection(db: Database, readonly: boolean): void {
  db.pragma('busy_timeout = 5000');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is safe with WAL against process crashes (kill -9); only power loss may drop the last commit.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
}

/**
 * The one connection a process writes through (SQLite allows one writer; WAL lets readers, such as
 * a second CLI, read meanwhile). Foreign keys are on; a busy database is waited on, not failed.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new EmoqaError('UNREADABLE', `cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    configureConnection(db, options.readonly ?? false);
    if (options.readonly) requireCurrentSchema(db, options.migrations);
    else migrate(db, options.migrations, options.targetVersion);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof EmoqaError) throw error;
    throw new EmoqaError('UNREADABLE', `cannot use database ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** ISO-8601 UTC timestamps everywhere in the store (sortable as text). */
export function nowIso(): string {
  return new Date().toISOString();
}
