/**
 * The few places the library's schema differs between SQLite and PostgreSQL, so each migration
 * says them once. On SQLite every helper writes exactly what the released SQL said (the test
 * against test/fixtures/schema/library-sqlite.json holds them to it), so databases built before and
 * after the rewrite are the same.
 */
import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type CreateTableBuilder, type RawBuilder } from 'kysely';
import type { MigrationContext, Statement } from '../migration-types';

/** A floating-point column: REAL on SQLite (8 bytes), `double precision` on PostgreSQL (its `real` is 4). */
export function realType(context: MigrationContext): ColumnDataType {
  return context.dialect === 'sqlite' ? 'real' : 'double precision';
}

export function bytesType(context: MigrationContext): ColumnDataType {
  return context.dialect === 'sqlite' ? 'blob' : 'bytea';
}

/**
 * An id the database assigns: SQLite's `INTEGER PRIMARY KEY` (the rowid), PostgreSQL's identity
 * column (by default, so a copied row may keep its id).
 */
export function rowId(context: MigrationContext): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (column) => (context.dialect === 'sqlite' ? column.primaryKey() : column.generatedByDefaultAsIdentity().primaryKey());
}

/** SQLite tables are STRICT (a value of the wrong type is refused); PostgreSQL's always are. */
export function strict<T extends string, C extends string>(context: MigrationContext, table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
  return context.dialect === 'sqlite' ? table.modifyEnd(sql`strict`) : table;
}

/**
 * `NOT NULL DEFAULT x` in that order (the builder's own order is `DEFAULT x NOT NULL`, the same
 * constraint, but SQLite keeps a table's SQL as written and the released steps wrote this one).
 */
export function notNullDefault(value: string | number): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (column) => column.modifyFront(sql`not null`).defaultTo(value);
}

/**
 * The name given to a table constraint (CHECK, PRIMARY KEY, UNIQUE over columns): none. The
 * released SQLite tables have unnamed ones, and the builder leaves the name out when it is empty;
 * PostgreSQL names them itself (`labels_pkey`, `recordings_check`).
 */
export const UNNAMED = '';

/** A statement written in SQL (data moved by a step), built against the step's dialect. */
export function raw(context: MigrationContext, fragment: RawBuilder<unknown>): Statement {
  return { compile: () => fragment.compile(context.db) };
}
