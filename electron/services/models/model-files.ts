/**
 * Reading a model folder's metadata without loading TensorFlow: the registry runs on the thread
 * that serves the app, and only the workers need the weights.
 */
import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelMetadataSchema, type ModelMetadata } from '../../../ml/model/metadata';
import { EmoqaError } from '../../shared/errors';

/** Same default as ml/model's defaultModelDir: EMOQA_MODEL_DIR, else the repository's resources/model. */
export function shippedModelDir(): string {
  return process.env.EMOQA_MODEL_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'model');
}

export async function readModelMetadata(dir: string): Promise<ModelMetadata> {
  let text: string;
  try {
    text = await fs.readFile(join(dir, 'metadata.json'), 'utf8');
  } catch (error) {
    throw new EmoqaError('MODEL_UNAVAILABLE', `no model in ${dir} (metadata.json missing)`, { cause: error });
  }
  const parsed = modelMetadataSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new EmoqaError('MODEL_UNAVAILABLE', `${dir}/metadata.json is invalid: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}
