import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { EMOTIONS } from '../../electron/shared/domain';
import { toErrorPayload, type ErrorPayload } from '../../electron/shared/errors';
import type { EmotionClassifier } from '../model/classifier';
import { utteranceFrames } from '../model/utterance';
import { argmax, classificationReport } from './metrics';

const rowSchema = z.object({ path: z.string().min(1), emotion: z.enum(EMOTIONS), speaker: z.string().optional() });

export interface EvaluationResult {
  manifest: string;
  condition: 'wideband' | 'telephone';
  /** How per-speaker adaptation was used: only with a speaker column and an adapted head. */
  adaptation: 'none' | 'per-speaker';
  modelVersion: string;
  n: number;
  accuracy: number;
  macroF1: number;
  recall: Record<string, number>;
  classes: string[];
  confusion: number[][];
  errors: Array<{ file: string; error: ErrorPayload }>;
}

export async function evaluateManifest(classifier: EmotionClassifier, csvPath: string,
  options: { root?: string; telephone?: boolean; adapt?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<EvaluationResult> {
  const records: unknown[] = parse(await fs.readFile(csvPath, 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
  const rows = records.map((r, i) => {
    const p = rowSchema.safeParse(r);
    if (!p.success) throw new Error(`${csvPath} row ${i + 2}: ${p.error.issues[0]?.message ?? 'invalid'}`);
    return p.data;
  });
  const root = options.root ?? path.dirname(csvPath);
  const pooled: Array<{ speaker: string; label: number; vector: Float32Array }> = [];
  const errors: EvaluationResult['errors'] = [];
  for (const [i, row] of rows.entries()) {
    const file = path.resolve(root, row.path);
    try {
      const { frames } = await utteranceFrames(file, { telephone: options.telephone });
      pooled.push({ speaker: row.speaker ?? '', label: EMOTIONS.indexOf(row.emotion), vector: classifier.poolWindows(frames, [[0, frames.nFrames]])[0] });
    } catch (error) {
      errors.push({ file, error: toErrorPayload(error) });
    }
    options.onProgress?.(i + 1, rows.length);
  }
  const adapt = Boolean(options.adapt && (classifier.metadata.adaptation || classifier.metadata.decision) && rows.every((r) => r.speaker));
  const truth: number[] = [];
  const predicted: number[] = [];
  // Speaker adaptation needs the speaker's statistics: one batch per speaker (labels never used).
  const groups = new Map<string, typeof pooled>();
  for (const p of pooled) groups.set(adapt ? p.speaker : '', [...(groups.get(adapt ? p.speaker : '') ?? []), p]);
  for (const group of groups.values()) {
    const stats = adapt ? classifier.partyStats(group.map((g) => g.vector)) : undefined;
    const probs = await classifier.classifyVectors(group.map((g) => g.vector), stats ? { adaptation: stats } : {});
    group.forEach((g, i) => {
      truth.push(g.label);
      predicted.push(argmax(probs[i]));
    });
  }
  const report = classificationReport(truth, predicted, EMOTIONS.length);
  return {
    manifest: csvPath, condition: options.telephone ? 'telephone' : 'wideband', adaptation: adapt ? 'per-speaker' : 'none',
    modelVersion: classifier.metadata.version, n: report.n, accuracy: report.accuracy, macroF1: report.macroF1,
    recall: Object.fromEntries(EMOTIONS.map((e, i) => [e, report.recall[i]])), classes: [...EMOTIONS], confusion: report.confusion, errors,
  };
}
