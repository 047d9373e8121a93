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
import { POOLING_DIMS } from '../../../../../ml/model/pooling';
import { saveModel } from '../../../../../ml/model/fs-io';
import type { ModelMetadata } from '../../../../../ml/model/metadata';

/**
 * `pooling: 'stats-v1'` writes a model of the previous input layout (a prefix of today's vector);
 * `party: true` adds a party head and its decision rule (metadata.decision), as the shipped model has.
 */
export async function writeStubModel(dir: string, options: { pooling?: 'stats-v1'; party?: boolean } = {}): Promise<string> {
  await initBackend();
  const pooling = options.pooling ?? POOLING_VERSION;
  const dim = POOLING_DIMS[pooling] ?? POOLED_DIM;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [dim], units: EMOTIONS.length, activation: 'softmax' })] });
  await saveModel(model, dir, 'model.json');
  model.dispose();
  const report = { n: 0, accuracy: 0, macroF1: 0, recall: {} };
  const metadata: ModelMetadata = {
    version: 'stub-0', createdAt: new Date(0).toISOString(), classes: [...EMOTIONS], sampleRate: FEATURE_SPEC.sampleRate,
    featureSpec: { ...FEATURE_SPEC },
    input: { kind: 'pooled-stats', pooling, dim, description: 'stub', minFrames: 8 },
    normalisation: { mean: new Array<number>(dim).fill(0), std: new Array<number>(dim).fill(10) },
    model: { file: 'model.json', architecture: 'dense stub', parameters: dim * 7 + 7 },
    training: { data: 'none', rows: 0, augmentation: [], seed: 0, epochs: 0, durationS: 0 },
    split: 'none', metrics: { stub: report }, licence: 'test only',
  };
  if (options.party) {
    const party = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2 * dim], units: EMOTIONS.length, activation: 'softmax' })] });
    await saveModel(party, dir, 'party.json');
    party.dispose();
    metadata.decision = {
      kind: 'party-abs-rel', file: 'party.json', architecture: 'dense stub party head',
      global: { mean: new Array<number>(dim).fill(0), std: new Array<number>(dim).fill(10) }, shrinkWindows: 6,
      stdFloor: new Array<number>(dim).fill(0.1), temperature: 2, classWeights: [1, 1, 1, 1, 2, 1, 1], uncertainBelow: 0.4, description: 'stub',
    };
  }
  await fs.writeFile(path.join(dir, 'metadata.json'), JSON.stringify(metadata));
  return dir;
}
