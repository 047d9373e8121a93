/**
 * Who took each call and when: `emoqa calls import-metadata FILE.csv` (columns file, agent, team,
 * started_at; matched by path, else by file name) and the Settings folder pattern applied at import.
 */
import { isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { libraryTransaction, type LibraryDb } from '../../db/library-database';
import { EmoqaError } from '../../shared/errors';
import { matchPathPattern } from './path-pattern';

const text = z.string().trim().max(200);
/** One CSV row; empty agent/team/started_at leave what the call already has. */
export const metadataRowSchema = z.object({
  file: z.string().trim().min(1, 'file is empty').max(4096),
  agent: text.optional(),
  team: text.optional(),
  started_at: z
    .string()
    .trim()
    .refine((v) => v === '' || !Number.isNaN(Date.parse(v)), 'started_at is not a date (use ISO 8601, e.g. 2025-03-04T09:30:00Z)')
    .optional(),
});
export type MetadataRow = z.infer<typeof metadataRowSchema>;

export interface MetadataImportResult {
  rows: number;
  matched: number;
  /** Rows whose file matches no current recording, by CSV line number. */
  unmatched: Array<{ line: number; file: string }>;
  /** Rows whose file name matches more than one recording (give the path instead). */
  ambiguous: Array<{ line: number; file: string; candidates: number }>;
}

const REQUIRED = ['file'];

/** Parses and validates the whole file first, so a bad row changes nothing; errors name the line. */
export function parseMetadataCsv(csv: string): Array<{ line: number; row: MetadataRow }> {
  let records: Array<Record<string, string>>;
  try {
    records = parse(csv, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new EmoqaError('INVALID_ARGUMENT', `metadata CSV cannot be read: ${(error as Error).message}`);
  }
  const header = records.length ? Object.keys(records[0]) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (records.length && missing.length) throw new EmoqaError('INVALID_ARGUMENT', `metadata CSV has no ${missing.join(', ')} column (columns: file, agent, team, started_at)`);
  const unknown = header.filter((c) => !['file', 'agent', 'team', 'started_at'].includes(c));
  if (unknown.length) throw new EmoqaError('INVALID_ARGUMENT', `metadata CSV has unknown columns: ${unknown.join(', ')} (columns: file, agent, team, started_at)`);
  return records.map((record, index) => {
    const line = index + 2; // line 1 is the header
    const parsed = metadataRowSchema.safeParse(record);
    if (!parsed.success) {
      throw new EmoqaError('INVALID_ARGUMENT', `metadata CSV line ${line} (${record.file ?? '?'}): ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
    return { line, row: parsed.data };
  });
}

/** Applies validated rows in one transaction. Relative paths are read from `baseDir` (the CSV's folder). */
export async function importMetadata(db: LibraryDb, csv: string, baseDir?: string): Promise<MetadataImportResult> {
  const rows = parseMetadataCsv(csv);
  const current = (trx: LibraryDb, column: 'path' | 'file_name', value: string) =>
    trx.selectFrom('recordings').select('id').where(column, '=', value).where('superseded_by', 'is', null).execute();
  const result: MetadataImportResult = { rows: rows.length, matched: 0, unmatched: [], ambiguous: [] };
  await libraryTransaction(db, async (trx) => {
    for (const { line, row } of rows) {
      let ids = await current(trx, 'path', baseDir && !isAbsolute(row.file) ? resolve(baseDir, row.file) : row.file);
      if (ids.length === 0) ids = await current(trx, 'file_name', row.file.replace(/^.*[\\/]/, ''));
      if (ids.length === 0) result.unmatched.push({ line, file: row.file });
      else if (ids.length > 1) result.ambiguous.push({ line, file: row.file, candidates: ids.length });
      else {
        // Empty agent/team/started_at keep what the call has.
        const startedAt = row.started_at ? new Date(row.started_at).toISOString() : null;
        const set = { ...(row.agent ? { agent: row.agent } : {}), ...(row.team ? { team: row.team } : {}), ...(startedAt ? { started_at: startedAt } : {}) };
        if (Object.keys(set).length) await trx.updateTable('recordings').set(set).where('id', '=', ids[0].id).execute();
        result.matched++;
      }
    }
  });
  return result;
}

/** The Settings folder pattern, at import: fills agent/team the call does not have yet (a metadata import wins). */
export async function applyPathPattern(db: LibraryDb, recordingId: string, path: string, pattern: string): Promise<void> {
  const found = matchPathPattern(pattern, path);
  if (!found) return;
  await db
    .updateTable('recordings')
    .set((eb) => ({ agent: eb.fn.coalesce('agent', eb.val(found.agent)), team: eb.fn.coalesce('team', eb.val(found.team)) }))
    .where('id', '=', recordingId)
    .execute();
}
