/**
 * The model as the streaming analyser needs it: pool windows span by span while the audio streams
 * (frame features are then dropped), and classify all of a party's pooled windows at the end, so the
 * speaker adaptation sees the whole call while memory stays flat (a pooled window is ~1.7 kB; the
 * frame features of an hour of speech would be ~50 MB per party).
 *
 * `EmotionClassifier.classifyWindows` takes frame features, so until the model offers a
 * `classifyPooled`, the fallback below mirrors its choice of head (adapted when the party has
 * enough windows, else the plain head with the global normalisation) using ml/model's own pieces.
 */
import * as tf from '@tensorflow/tfjs';
import type { FrameFeatures } from '../../../ml/dsp';
import { defaultModelDir, loadClassifier, partyStats, POOLED_DIM, type EmotionClassifier, type PartyStats } from '../../../ml/model';
import { loadModel } from '../../../ml/model/fs-io';
import { normaliseWith } from '../../../ml/model/pooling';
import type { Emotion } from '../../shared/domain';

export type FrameWindow = readonly [number, number];

export interface PartyClassifier {
  readonly sampleRate: number;
  readonly version: string;
  /** Order of the probabilities returned by `classify`. */
  readonly classes: readonly Emotion[];
  pool(frames: FrameFeatures, windows: readonly FrameWindow[]): Float32Array[];
  /** All pooled windows of one party → one probability vector each. */
  classify(pooled: readonly Float32Array[]): Promise<Float32Array[]>;
  dispose(): void;
}

/** A classifier that can take pooled vectors directly (proposed addition to EmotionClassifier). */
interface PooledCapable {
  classifyPooled(pooled: readonly Float32Array[], options: { adaptation: boolean }): Promise<Float32Array[]>;
}

function isPooledCapable(value: object): value is PooledCapable {
  return typeof (value as Partial<PooledCapable>).classifyPooled === 'function';
}

async function predict(model: tf.LayersModel, rows: readonly Float32Array[]): Promise<Float32Array[]> {
  if (!rows.length) return [];
  const dim = rows[0].length;
  const flat = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => flat.set(r, i * dim));
  const x = tf.tensor2d(flat, [rows.length, dim]);
  const y = model.predict(x) as tf.Tensor2D;
  try {
    const data = await y.data();
    const k = y.shape[1];
    return rows.map((_, i) => Float32Array.from(data.subarray(i * k, (i + 1) * k)));
  } finally {
    x.dispose();
    y.dispose();
  }
}

async function pooledFallback(classifier: EmotionClassifier, dir: string): Promise<{ classify: PartyClassifier['classify']; dispose: () => void }> {
  const { metadata } = classifier;
  const plain = await loadModel(dir, metadata.model.file);
  const adapted = metadata.adaptation ? await loadModel(dir, metadata.adaptation.file) : null;
  const global: PartyStats = { mean: Float32Array.from(metadata.normalisation.mean), std: Float32Array.from(metadata.normalisation.std), count: 0 };
  const zeroFloor = new Float32Array(POOLED_DIM).fill(1e-6);
  const adaptFloor = Float32Array.from(metadata.adaptation?.stdFloor ?? []);
  return {
    async classify(pooled) {
      if (!pooled.length) return [];
      const stats = partyStats(pooled);
      if (adapted && metadata.adaptation && stats.count >= metadata.adaptation.minWindows) {
        return predict(adapted, pooled.map((v) => normaliseWith(v, stats, adaptFloor)));
      }
      return predict(plain, pooled.map((v) => normaliseWith(v, global, zeroFloor)));
    },
    dispose() {
      plain.dispose();
      adapted?.dispose();
    },
  };
}

export async function loadPartyClassifier(dir?: string): Promise<PartyClassifier> {
  const modelDir = dir ?? defaultModelDir();
  const classifier = await loadClassifier(modelDir);
  let classify: PartyClassifier['classify'];
  let disposeFallback = (): void => undefined;
  if (isPooledCapable(classifier)) {
    classify = (pooled) => classifier.classifyPooled(pooled, { adaptation: true });
  } else {
    const fallback = await pooledFallback(classifier, modelDir);
    classify = fallback.classify;
    disposeFallback = fallback.dispose;
  }
  return {
    sampleRate: classifier.metadata.sampleRate,
    version: classifier.metadata.version,
    classes: classifier.metadata.classes,
    pool: (frames, windows) => classifier.poolWindows(frames, windows),
    classify,
    dispose() {
      disposeFallback();
      classifier.dispose();
    },
  };
}
