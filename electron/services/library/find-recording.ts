import { existsSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import type { Database } from '../../db/database';
import { hashFile } from '../../../ml/audio/content-hash';

/**
 * The recording a file names, for tools that name calls by file (CLI, CSV imports): its current
 * path first (relative to `baseDir`, or to the working folder), then its file name when only one
 * current recording has it, then its content (a moved or renamed copy). Null when none matches.
 */
export async function findRecordingByFile(db: Database, file: string, baseDir = process.cwd()): Promise<string | null> {
  const candidates = isAbsolute(file) ? [file] : [...new Set([resolve(baseDir, file), resolve(file)])];
  const byPath = db.prepare('SELECT id FROM recordings WHERE path = ? AND content_hash IS NOT NULL ORDER BY superseded_by IS NOT NULL LIMIT 1');
  for (const path of candidates) {
    const row = byPath.get(path) as { id: string } | undefined;
    if (row) return row.id;
  }
  const byName = db.prepare('SELECT id FROM recordings WHERE file_name = ? AND content_hash IS NOT NULL AND superseded_by IS NULL').all(basename(file)) as Array<{ id: string }>;
  if (byName.length === 1) return byName[0].id;
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const hash = await hashFile(path).catch(() => null);
    if (hash && db.prepare('SELECT 1 FROM recordings WHERE id = ?').get(hash)) return hash;
  }
  return null;
}
