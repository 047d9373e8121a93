/**
 * Where a model lives and what its folder says, without loading TensorFlow: the model registry
 * reads metadata on the services thread, and only the workers need the weights.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmoqaError } from '../../electron/shared/errors';
import { modelMetadataSchema, type ModelMetadata } from './metadata';

/** `<repo>/resources/model`, or EMOQA_MODEL_DIR. */
export function defaultModelDir(): string {
  return process.env.EMOQA_MODEL_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'model');
}

/** A model folder's metadata.json, validated; MODEL_UNAVAILABLE when missing or invalid. */
export async function readMetadata(dir: string): Promise<ModelMetadata> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, 'metadata.json'), 'utf8');
  } catch (error) {
    throw new EmoqaError('MODEL_UNAVAILABLE', `no model in ${dir} (metadata.json missing)`, { cause: error });
  }
  const parsed = modelMetadataSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new EmoqaError('MODEL_UNAVAILABLE', `${dir}/metadata.json is invalid: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}
