/**
 * Labels made elsewhere (another tool, a QA spreadsheet, a vendor's annotations) brought in as
 * reviewers' corrections: a CSV with `file,channel,start,end,emotion`, one row per labelled
 * stretch. `file` names an analysed call by path (relative to the CSV's folder, or absolute), by
 * file name when that is unambiguous, or by content; `channel` is 0-based or a role (agent,
 * customer). Every row is checked first; then all are imported in one transaction, or none.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { LibraryDb } from '../../db/library-database';
import { EmoqaError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import { emotionFromLabel } from '../labels/audacity';
import { LabelsService, type LabelSpanInput } from '../labels/labels-service';
import { findRecordingByFile } from '../library/find-recording';
import { LibraryService } from '../library/library-service';
import { loadParties } from '../library/recording-rows';

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

async function channelOf(db: LibraryDb, recordingId: string, text: string): Promise<number | null> {
  if (/^\d+$/.test(text)) return Number(text);
  const role = text.toLowerCase();
  const party = (await loadParties(db, recordingId)).find((p) => p.role === role);
  return party ? party.channel : null;
}

export async function importLabelsCsv(db: LibraryDb, events: EventBus, csvText: string, options: { baseDir: string; reviewer: () => string | Promise<string> }): Promise<CsvImportResult> {
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
    if (!ids.has(row.file)) ids.set(row.file, await findRecordingByFile(db, row.file, options.baseDir));
    const id = ids.get(row.file) ?? null;
    const channel = id ? await channelOf(db, id, row.channel) : null;
    if (!emotion) problems.push(`line ${line}: "${row.emotion}" is not one of the seven emotions (or not speech, unsure)`);
    else if (!id) problems.push(`line ${line}: ${row.file} is not in the database (analyse it first)`);
    else if (channel === null) problems.push(`line ${line}: no party "${row.channel}" in ${row.file}`);
    else if (!(row.end > row.start)) problems.push(`line ${line}: end ${row.end} is not after start ${row.start}`);
    else byRecording.set(id, [...(byRecording.get(id) ?? []), { channel, start: row.start, end: row.end, emotion }]);
  }
  if (problems.length) throw new EmoqaError('INVALID_ARGUMENT', `nothing imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`);
  const library = new LibraryService(db);
  const labels = new LabelsService(db, events, options.reviewer, (id) => library.summary(id));
  const imported = await labels.importMany(byRecording, 'csv');
  return { imported: [...imported.values()].reduce((n, list) => n + list.length, 0), recordings: byRecording.size };
}
