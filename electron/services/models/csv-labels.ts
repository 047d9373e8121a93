/**
 * Labels made elsewhere (another tool, a QA spreadsheet, a vendor's annotations) brought in as
 * reviewers' corrections: a CSV with `file,channel,start,end,emotion`, one row per labelled
 * stretch. `file` names an analysed call by path (relative to the CSV's folder, or absolute), by
 * file name when that is unambiguous, or by content; `channel` is 0-based or a role (agent,
 * customer). Every row is checked first; then all are imported in one transaction, or none.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { EmoqaError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import { hashFile } from '../ingest/hash-file';
import { emotionFromLabel } from '../labels/audacity';
import { LabelsService, type LabelSpanInput } from '../labels/labels-service';
import { LibraryService } from '../library/library-service';
import { readParties } from '../library/recording-rows';

const rowSchema = z.object({
  file: z.string().trim().min(1),
  channel: z.string().trim().min(1),
  start: z.coerce.number().finite().min(0),
  end: z.coerce.number().finite().min(0),
  emotion: z.string().trim().min(1),
});

export interface CsvImportResult {
  imported: number;
  recordings: number;
}

async function findRecording(db: Database, file: string, baseDir: string): Promise<string | null> {
  const candidates = isAbsolute(file) ? [file] : [resolve(baseDir, file), resolve(file)];
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

function channelOf(db: Database, recordingId: string, text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const role = text.toLowerCase();
  const party = readParties(db, recordingId).find((p) => p.role === role);
  return party ? party.channel : null;
}

export async function importLabelsCsv(db: Database, events: EventBus, csvText: string, options: { baseDir: string; reviewer: () => string }): Promise<CsvImportResult> {
  let records: Array<Record<string, string>>;
  try {
    records = parse(csvText.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new EmoqaError('INVALID_ARGUMENT', `not a CSV file: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  const byRecording = new Map<string, LabelSpanInput[]>();
  const ids = new Map<string, string | null>();
  for (const [index, record] of records.entries()) {
    const line = index + 2;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      problems.push(`line ${line}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'row'} ${i.message}`).join(', ')} (columns: file,channel,start,end,emotion)`);
      continue;
    }
    const row = parsed.data;
    const emotion = emotionFromLabel(row.emotion);
    if (!ids.has(row.file)) ids.set(row.file, await findRecording(db, row.file, options.baseDir));
    const id = ids.get(row.file) ?? null;
    const channel = id ? channelOf(db, id, row.channel) : null;
    if (!emotion) problems.push(`line ${line}: "${row.emotion}" is not one of the seven emotions (or not speech, unsure)`);
    else if (!id) problems.push(`line ${line}: ${row.file} is not in the database (analyse it first)`);
    else if (channel === null) problems.push(`line ${line}: no party "${row.channel}" in ${row.file}`);
    else if (!(row.end > row.start)) problems.push(`line ${line}: end ${row.end} is not after start ${row.start}`);
    else byRecording.set(id, [...(byRecording.get(id) ?? []), { channel, start: row.start, end: row.end, emotion }]);
  }
  if (problems.length) throw new EmoqaError('INVALID_ARGUMENT', `nothing imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`);
  const library = new LibraryService(db);
  const labels = new LabelsService(db, events, options.reviewer, (id) => library.summary(id));
  let imported = 0;
  db.transaction(() => {
    for (const [id, spans] of byRecording) {
      const created = labels.importSpans(id, spans);
      // importSpans files them as an Audacity import; these came from a CSV.
      const mark = db.prepare(`UPDATE labels SET source = 'csv' WHERE id = ?`);
      for (const label of created) mark.run(label.id);
      imported += created.length;
    }
  })();
  return { imported, recordings: byRecording.size };
}
