/**
 * A tiny untrained model in the shipped format (metadata.json + layers model), so that the pool
 * and the analyser can be tested end to end without the real model. Its predictions mean nothing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../../../../electron/shared/domain';
import { FEATURE_SPEC } from '../../../../../ml/dsp';
import { initBackend, POOLED_DIM, POOLING_VERSION } from '../../../../../ml/model';
import { saveModel } from '../../../../../ml/model/fs-io';
import type { ModelMetadata } from '../../../../../ml/model/metadata';

export async function writeStubModel(dir: string): Promise<string> {
  await initBackend();
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [POOLED_DIM], units: EMOTIONS.length, activation: 'softmax' })] });
  await saveModel(model, dir, 'model.json');
  model.dispose();
  const report = { n: 0, accuracy: 0, macroF1: 0, recall: {} };
  const metadata: ModelMetadata = {
    version: 'stub-0', createdAt: new Date(0).toISOString(), classes: [...EMOTIONS], sampleRate: FEATURE_SPEC.sampleRate,
    featureSpec: { ...FEATURE_SPEC },
    input: { kind: 'pooled-stats', pooling: POOLING_VERSION, dim: POOLED_DIM, description: 'stub', minFrames: 8 },
    normalisation: { mean: new Array<number>(POOLED_DIM).fill(0), std: new Array<number>(POOLED_DIM).fill(10) },
    model: { file: 'model.json', architecture: 'dense stub', parameters: POOLED_DIM * 7 + 7 },
    training: { data: 'none', rows: 0, augmentation: [], seed: 0, epochs: 0, durationS: 0 },
    split: 'none', metrics: { stub: report }, licence: 'test only',
  };
  await fs.writeFile(path.join(dir, 'metadata.json'), JSON.stringify(metadata));
  return dir;
}
