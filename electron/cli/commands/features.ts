import type { Command } from 'commander';
import { z } from 'zod';
import { EmoqaError } from '../../shared/errors';
import { extractFeatures, FEATURE_NAMES, FEATURE_SPEC } from '../../../ml/dsp';
import { decodeFile } from '../../../ml/audio/decode';

const optionsSchema = z.object({
  sr: z.coerce.number().int().min(4000).max(192_000).default(FEATURE_SPEC.sampleRate),
  json: z.boolean().optional(),
});

/** `emoqa features FILE`: the study's 184 means of a whole file (librosa.load at --sr, mono). */
export function registerFeaturesCommand(program: Command): void {
  program
    .command('features')
    .description("Print the study's 184 features (means over the whole file) of one audio file.")
    .argument('<file>', 'audio file')
    .option('--sr <rate>', 'analysis sample rate', String(FEATURE_SPEC.sampleRate))
    .option('--json', 'print JSON: {sampleRate, names, values}')
    .action(async (file: string, raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
      const { sr, json } = parsed.data;
      const { channels } = await decodeFile(file, { sampleRate: sr });
      const values = Array.from(extractFeatures(channels[0], { sampleRate: sr }));
      if (json) {
        process.stdout.write(JSON.stringify({ sampleRate: sr, names: FEATURE_NAMES, values }) + '\n');
        return;
      }
      const width = Math.max(...FEATURE_NAMES.map((n) => n.length));
      process.stdout.write(FEATURE_NAMES.map((n, i) => `${n.padEnd(width)}  ${values[i].toPrecision(7)}`).join('\n') + '\n');
    });
}
