import type { Command } from 'commander';
import { z } from 'zod';
import { EmoqaError } from '../../shared/errors';
import { loadClassifier } from '../../../ml/model';
import { evaluateManifest, type EvaluationResult } from '../../../ml/train/evaluate-manifest';
import { startProgress } from '../../../ml/train/progress';

const optionsSchema = z.object({
  manifest: z.string().min(1),
  root: z.string().optional(),
  telephone: z.boolean().optional(),
  adapt: z.boolean().optional(),
  model: z.string().optional(),
  json: z.boolean().optional(),
});

function text(r: EvaluationResult): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `model ${r.modelVersion}, ${r.condition}, adaptation: ${r.adaptation}, ${r.n} files (${r.errors.length} failed)`,
    `accuracy ${pct(r.accuracy)}   macro-F1 ${pct(r.macroF1)}`,
    `recall   ${r.classes.map((c, i) => `${c} ${r.confusion[i].some((v) => v > 0) ? pct(r.recall[c]) : '–'}`).join('  ')}`,
    `confusion (rows true, columns predicted: ${r.classes.map((c) => c.slice(0, 3)).join(' ')})`,
    ...r.confusion.map((row, i) => `  ${r.classes[i].padEnd(9)} ${row.map((v) => String(v).padStart(4)).join('')}`),
  ];
  return lines.join('\n') + '\n';
}

/** `emoqa evaluate --manifest CSV`: accuracy, macro-F1, recall and confusion of the model on labelled files. */
export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('Evaluate the model on a labelled manifest (CSV with path, emotion[, speaker]).')
    .requiredOption('--manifest <csv>', 'CSV with columns path, emotion and optionally speaker')
    .option('--root <dir>', 'folder the paths are relative to (default: the CSV\'s folder)')
    .option('--telephone', 'pass every file through the telephone chain (300-3400 Hz, 8 kHz, mu-law) first')
    .option('--adapt', 'per-speaker adaptation (needs the speaker column): z-score each speaker with its own files')
    .option('--model <dir>', 'model folder (default: resources/model or $EMOQA_MODEL_DIR)')
    .option('--json', 'print JSON')
    .action(async (raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues.map((i) => i.message).join('; '));
      const o = parsed.data;
      const classifier = await loadClassifier(o.model);
      const bar = startProgress('evaluating');
      try {
        const result = await evaluateManifest(classifier, o.manifest, { root: o.root, telephone: o.telephone, adapt: o.adapt, onProgress: bar.update });
        bar.stop();
        process.stdout.write(o.json ? JSON.stringify(result, null, 2) + '\n' : text(result));
        if (result.errors.length) process.exitCode = 1;
      } finally {
        bar.stop();
        classifier.dispose();
      }
    });
}
