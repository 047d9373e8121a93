/**
 * Reading a model folder's metadata without loading TensorFlow: the registry runs on the thread
 * that serves the app, and only the workers need the weights.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { defaultModelDir } from '../../../ml/model';
import { modelMetadataSchema, type ModelMetadata } from '../../../ml/model/metadata';
import { EmoqaError } from '../../shared/errors';

/** ml/model's defaultModelDir: EMOQA_MODEL_DIR, else the repository's resources/model (one lookup, TF.js-free). */
export const shippedModelDir = defaultModelDir;

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
