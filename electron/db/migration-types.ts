import type { CompiledQuery, Kysely } from 'kysely';
import type { LibraryDialect } from './library-database';

/** Where a step's statements are built: the dialect decides the few places SQLite and PostgreSQL differ. */
export interface MigrationContext {
  /** Builds (and on PostgreSQL runs) the statements; on SQLite a compile-only instance. */
  db: Kysely<unknown>;
  dialect: LibraryDialect;
}

/** One statement of a step, built but not yet run (a schema builder, or `raw(…)` of a `sql` fragment). */
export interface Statement {
  compile(): CompiledQuery;
}

/**
 * One schema step of the library, written once with Kysely's schema builder for SQLite and
 * PostgreSQL. `version` is the file's number (0010, 0020, … in steps of 10, so a fix can be slotted
 * between two released steps). The runner runs `statements` in order inside one transaction:
 * synchronously on the SQLite connection (`PRAGMA user_version` = version), through Kysely's
 * migrator on PostgreSQL (table `library_migration`, key `0010-recordings`).
 */
export interface Migration {
  version: number;
  name: string;
  statements(context: MigrationContext): Statement[];
}
