import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { EmoqaError } from '../../shared/errors';
import { defaultModelDir } from '../../../ml/model';
import { startProgress } from '../../../ml/train/progress';

const optionsSchema = z.object({
  out: z.string().min(1).optional(),
  datasets: z.string().min(1).optional(),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(1),
  quick: z.boolean().optional(),
  evaluate: z.boolean().default(true),
  json: z.boolean().optional(),
});

/** `emoqa train`: trains the shipped model from the corpora manifest (deterministic by --seed). */
export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('Train the shipped emotion model from the corpora (RAVDESS + TESS manifest) and write it to --out.')
    .option('--out <dir>', 'output folder (default: resources/model)')
    .option('--datasets <dir>', 'corpora folder with manifest.csv (default: $EMOQA_DATASETS or ../shared/datasets)')
    .option('--seed <n>', 'random seed (augmentation, initialisation, shuffling)', '1')
    .option('--quick', 'half the epochs (smoke runs)')
    .option('--no-evaluate', 'skip the speaker-split cross-validation that fills metadata.json metrics')
    .option('--json', 'print the written metadata as JSON')
    .action(async (raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
      const o = parsed.data;
      const out = path.resolve(o.out ?? defaultModelDir());
      const bar = startProgress('preparing');
      let total = 0;
      try {
        // Imported here: training loads TF.js, which no other command needs at start.
        const { trainAndShip } = await import('../../../ml/train/ship');
        const { metadata, seconds } = await trainAndShip({
          out, datasets: o.datasets, seed: o.seed, quick: o.quick, evaluate: o.evaluate,
          onPhase: (name, n) => {
            total = n;
            bar.phase(name, n);
          },
          onTick: (done) => bar.update(done, total),
        });
        bar.stop();
        if (o.json) {
          process.stdout.write(JSON.stringify(metadata, null, 2) + '\n');
          return;
        }
        const lines = Object.entries(metadata.metrics).map(([k, r]) => `  ${k.padEnd(44)} accuracy ${(100 * r.accuracy).toFixed(1)}%  macro-F1 ${(100 * r.macroF1).toFixed(1)}%`);
        process.stdout.write([`wrote ${metadata.version} to ${out} in ${seconds.toFixed(0)} s`, ...lines].join('\n') + '\n');
      } finally {
        bar.stop();
      }
    });
}
