import type { Command } from 'commander';
import { z } from 'zod';
import { EMOTIONS, type Emotion } from '../../shared/domain';
import { EmoqaError, toErrorPayload, type ErrorPayload } from '../../shared/errors';
import { loadClassifier, type EmotionClassifier } from '../../../ml/model';
import { utteranceFrames } from '../../../ml/model/utterance';

export type ClassifyEntry =
  | { file: string; emotion: Emotion; confidence: number; probabilities: Record<Emotion, number> }
  | { file: string; error: ErrorPayload };

const optionsSchema = z.object({ json: z.boolean().optional(), model: z.string().optional(), telephone: z.boolean().optional() });

/** Each file is one utterance; failures become error entries and the rest are still classified. */
export async function classifyFiles(files: readonly string[], options: { model?: string; telephone?: boolean } = {}): Promise<ClassifyEntry[]> {
  let classifier: EmotionClassifier | null = null;
  const entries: ClassifyEntry[] = [];
  try {
    for (const file of files) {
      try {
        const { frames } = await utteranceFrames(file, { telephone: options.telephone });
        classifier ??= await loadClassifier(options.model);
        const [p] = await classifier.classifyWindows(frames, [[0, frames.nFrames]]);
        const probabilities = Object.fromEntries(EMOTIONS.map((e, i) => [e, p[i]])) as Record<Emotion, number>;
        let best = 0;
        p.forEach((v, i) => (v > p[best] ? (best = i) : undefined));
        entries.push({ file, emotion: EMOTIONS[best], confidence: p[best], probabilities });
      } catch (error) {
        if (error instanceof EmoqaError && error.code === 'MODEL_UNAVAILABLE') throw error;
        entries.push({ file, error: toErrorPayload(error) });
      }
    }
  } finally {
    classifier?.dispose();
  }
  return entries;
}

function table(entries: readonly ClassifyEntry[]): string {
  const width = Math.max(4, ...entries.map((e) => e.file.length));
  const lines = [`${'file'.padEnd(width)}  emotion    conf.  ${EMOTIONS.map((e) => e.slice(0, 5).padStart(6)).join('')}`];
  for (const e of entries) {
    if ('error' in e) lines.push(`${e.file.padEnd(width)}  error: ${e.error.code} ${e.error.message}`);
    else lines.push(`${e.file.padEnd(width)}  ${e.emotion.padEnd(9)}  ${e.confidence.toFixed(2)}  ${EMOTIONS.map((k) => e.probabilities[k].toFixed(2).padStart(6)).join('')}`);
  }
  return lines.join('\n') + '\n';
}

/** `emoqa classify FILE...`: one emotion per file (leading/trailing silence trimmed). */
export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description('Classify each audio file as one utterance into 7 emotions.')
    .argument('<files...>', 'audio files')
    .option('--json', 'print a JSON array, one entry per file')
    .option('--model <dir>', 'model folder (default: resources/model or $EMOQA_MODEL_DIR)')
    .option('--telephone', 'pass the audio through the telephone chain first (8 kHz, mu-law), as the evaluation does')
    .action(async (files: string[], raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues.map((i) => i.message).join('; '));
      const entries = await classifyFiles(files, parsed.data);
      process.stdout.write(parsed.data.json ? JSON.stringify(entries, null, 2) + '\n' : table(entries));
      if (entries.some((e) => 'error' in e)) process.exitCode = 1;
    });
}
