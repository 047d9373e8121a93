/**
 * The correction memory in a model folder: `<name>.json` (rule, labels, recency weights, input
 * size) and `<name>.bin` (the head inputs, float32, row after row). Written by retraining with the
 * version it belongs to, read by the classifier, validated on the way in.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EmoqaError } from '../../electron/shared/errors';
import { memoryRuleSchema, type CorrectionMemory } from './correction-memory';

const memoryJsonSchema = z.object({
  rule: memoryRuleSchema,
  nClasses: z.number().int().positive(),
  dim: z.number().int().positive(),
  labels: z.array(z.number().int().nonnegative()),
  weights: z.array(z.number().min(0).max(1)),
  /** The corrected parties' voices (voiceCentre) and each row's voice; absent in memories written before them. */
  voices: z.object({ centres: z.array(z.array(z.number())), ofRow: z.array(z.number().int().nonnegative()) }).optional(),
});

const binName = (file: string): string => `${path.basename(file, '.json')}.bin`;

export async function writeMemory(dir: string, file: string, memory: CorrectionMemory): Promise<void> {
  const dim = memory.rows[0]?.length ?? 1;
  const flat = new Float32Array(memory.rows.length * dim);
  memory.rows.forEach((r, i) => flat.set(r, i * dim));
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, binName(file)), Buffer.from(flat.buffer, flat.byteOffset, flat.byteLength));
  const voices = memory.voices ? { centres: memory.voices.centres.map((c) => Array.from(c)), ofRow: memory.voices.ofRow } : undefined;
  const json: z.infer<typeof memoryJsonSchema> = { rule: memory.rule, nClasses: memory.nClasses, dim, labels: memory.labels, weights: memory.weights, voices };
  await fs.writeFile(path.join(dir, file), JSON.stringify(json) + '\n');
}

export async function readMemory(dir: string, file: string): Promise<CorrectionMemory> {
  let parsed: z.infer<typeof memoryJsonSchema>;
  let data: Buffer;
  try {
    parsed = memoryJsonSchema.parse(JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')));
    data = await fs.readFile(path.join(dir, binName(file)));
  } catch (error) {
    throw new EmoqaError('MODEL_UNAVAILABLE', `the correction memory ${file} in ${dir} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const n = parsed.labels.length;
  const voices = parsed.voices;
  const badVoices = voices !== undefined && (voices.ofRow.length !== n || voices.ofRow.some((v) => v >= voices.centres.length)
    || voices.centres.some((c) => c.length !== parsed.dim / 2));
  if (parsed.weights.length !== n || data.byteLength !== n * parsed.dim * 4 || parsed.labels.some((l) => l >= parsed.nClasses) || badVoices) {
    throw new EmoqaError('MODEL_UNAVAILABLE', `the correction memory ${file} in ${dir} is inconsistent (${n} labels, ${data.byteLength} bytes of rows)`);
  }
  const flat = new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  return {
    rule: parsed.rule, nClasses: parsed.nClasses, labels: parsed.labels, weights: parsed.weights,
    rows: Array.from({ length: n }, (_, i) => flat.subarray(i * parsed.dim, (i + 1) * parsed.dim)),
    voices: voices && { centres: voices.centres.map((c) => Float32Array.from(c)), ofRow: voices.ofRow },
  };
}
