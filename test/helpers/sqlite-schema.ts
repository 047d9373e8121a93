/**
 * A SQLite database's schema as comparable text: every table, index and trigger of sqlite_master
 * (SQLite's own objects left out), its SQL normalised for case, quoting and spacing only, so two
 * schemas written by different SQL generators compare equal exactly when SQLite stores the same
 * definitions. Used to check that the migrations, rewritten once for both databases, build on
 * SQLite the schema the released ones built (test/fixtures/schema/library-sqlite.json).
 */
import type { Database } from 'better-sqlite3';

export function normaliseSql(text: string): string {
  return text
    .replace(/"([a-z_][a-z0-9_]*)"/gi, '$1')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),=<>])\s*/g, '$1')
    .trim()
    .toLowerCase();
}

export interface SchemaObject {
  type: string;
  name: string;
  table: string;
  sql: string | null;
}

export function sqliteSchema(db: Database): SchemaObject[] {
  const rows = db
    .prepare(`SELECT type, name, tbl_name AS "table", sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as SchemaObject[];
  return rows.map((row) => ({ ...row, sql: row.sql === null ? null : normaliseSql(row.sql) }));
}
