import { existsSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import type { LibraryDb } from '../../db/library-database';
import { sql } from 'kysely';
import { hashFile } from '../../../ml/audio/content-hash';

/**
 * The recording a file names, for tools that name calls by file (CLI, CSV imports): its current
 * path first (relative to `baseDir`, or to the working folder), then its file name when only one
 * current recording has it, then its content (a moved or renamed copy). Null when none matches.
 */
export async function findRecordingByFile(db: LibraryDb, file: string, baseDir = process.cwd()): Promise<string | null> {
  const candidates = isAbsolute(file) ? [file] : [...new Set([resolve(baseDir, file), resolve(file)])];
  for (const path of candidates) {
    const row = await db
      .selectFrom('recordings')
      .select('id')
      .where('path', '=', path)
      .where('content_hash', 'is not', null)
      // The current version first.
      .orderBy(sql`superseded_by IS NOT NULL`)
      .limit(1)
      .executeTakeFirst();
    if (row) return row.id;
  }
  const byName = await db
    .selectFrom('recordings')
    .select('id')
    .where('file_name', '=', basename(file))
    .where('content_hash', 'is not', null)
    .where('superseded_by', 'is', null)
    .execute();
  if (byName.length === 1) return byName[0].id;
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const hash = await hashFile(path).catch(() => null);
    if (hash && (await db.selectFrom('recordings').select('id').where('id', '=', hash).executeTakeFirst())) return hash;
  }
  return null;
}
