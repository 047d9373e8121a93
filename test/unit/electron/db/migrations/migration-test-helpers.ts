import { join } from 'node:path';
import { openDatabase, type Database } from '../../../../../electron/db/database';
import { makeTempDir } from '../../../../helpers/fixtures';

/** A database built up to (and including) `version`, as an older emoqa would have left it. */
export function databaseAt(version: number): { db: Database; path: string; cleanup: () => void } {
  const temp = makeTempDir('emoqa-migration-');
  const path = join(temp.dir, 'm.sqlite');
  const db = openDatabase(path, { targetVersion: version });
  return { db, path, cleanup: () => (db.open && db.close(), temp.cleanup()) };
}

export function columns(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);
}

export function tables(db: Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name);
}

export const NOW = '2025-01-01T00:00:00.000Z';

export function insertRecording(db: Database, id = 'a'.repeat(64), status = 'queued'): string {
  db.prepare(
    `INSERT INTO recordings (id, content_hash, path, file_name, status, imported_at, error_code) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, id, `/calls/${id.slice(0, 4)}.wav`, `${id.slice(0, 4)}.wav`, status, NOW, status === 'error' ? 'NOT_AUDIO' : null);
  return id;
}
