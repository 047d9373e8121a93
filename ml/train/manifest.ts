import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { EMOTIONS, type Emotion } from '../../electron/shared/domain';

export const manifestRowSchema = z.object({
  path: z.string().min(1),
  corpus: z.string().min(1),
  speaker: z.string().min(1),
  gender: z.enum(['male', 'female']),
  label: z.string().min(1),
  emotion: z.enum(EMOTIONS),
  duration_s: z.coerce.number().nonnegative(),
});
export type ManifestRow = z.infer<typeof manifestRowSchema>;

/** One utterance of the corpora, with its absolute path and class index. */
export interface Utterance {
  /** Stable id: the manifest path relative to the dataset root. */
  id: string;
  absPath: string;
  corpus: string;
  speaker: string;
  gender: 'male' | 'female';
  emotion: Emotion;
  label: number;
  durationS: number;
}

/** The manifest's rows as written (an invalid row throws, naming its line). */
export function parseManifestRows(text: string): ManifestRow[] {
  const records: unknown[] = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  return records.map((record, i) => {
    const parsed = manifestRowSchema.safeParse(record);
    if (!parsed.success) throw new Error(`manifest row ${i + 2}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return parsed.data;
  });
}

export function parseManifest(text: string, root: string): Utterance[] {
  return parseManifestRows(text).map((row) => {
    return {
      id: row.path,
      absPath: path.resolve(root, row.path),
      corpus: row.corpus,
      speaker: row.speaker,
      gender: row.gender,
      emotion: row.emotion,
      label: EMOTIONS.indexOf(row.emotion),
      durationS: row.duration_s,
    };
  });
}

/** Reads `manifest.csv`; relative paths resolve against `root` (default: the CSV's folder). */
export async function readManifest(csvPath: string, root?: string): Promise<Utterance[]> {
  const text = await fs.readFile(csvPath, 'utf8');
  return parseManifest(text, root ?? path.dirname(csvPath));
}
