import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { EmoqaError } from '../../electron/shared/errors';
import type { FrameFeatures } from '../dsp';
import { initBackend } from './backend';
import { loadModel } from './fs-io';
import { assertFeatureSpec, modelMetadataSchema, type ModelMetadata } from './metadata';
import { calibrate, partyFeatures, shrunkPartyStats } from './party-features';
import { normaliseWith, partyStats, poolWindow, POOLED_DIM, POOLING_DIMS, POOLING_VERSION, type PartyStats } from './pooling';
import './slice-conv1d';

export interface ClassifyOptions {
  /**
   * Speaker adaptation: z-score each window with statistics of the same party (all of its windows
   * in a call). `true` computes them from `windows`; pass PartyStats to reuse them across calls.
   * Ignored (plain path) when the model has no adapted head or there are too few windows.
   */
  adaptation?: boolean | PartyStats;
}

export interface EmotionClassifier {
  readonly metadata: ModelMetadata;
  readonly backend: string;
  /** Probabilities per window; a window is a frame range [start,end) of `frames` computed once over a whole channel. */
  classifyWindows(frames: FrameFeatures, windows: ReadonlyArray<readonly [number, number]>, options?: ClassifyOptions): Promise<Float32Array[]>;
  /** Pooled vectors of windows, for callers that build party statistics themselves. */
  poolWindows(frames: FrameFeatures, windows: ReadonlyArray<readonly [number, number]>): Float32Array[];
  /**
   * The statistics of one party for `adaptation` (robust and shrunk for a party-decision model,
   * mean/std for an older adapted head): compute once over all of a party's windows, pass to every batch.
   */
  partyStats(pooled: readonly Float32Array[]): PartyStats;
  /** Confidence below which a window or region is shown as uncertain (0 when the model has none). */
  readonly uncertainBelow: number;
  /** Probabilities for already pooled vectors (see poolWindows). */
  classifyVectors(pooled: readonly Float32Array[], options?: ClassifyOptions): Promise<Float32Array[]>;
  dispose(): void;
}

async function predict(model: tf.LayersModel, rows: readonly Float32Array[]): Promise<Float32Array[]> {
  if (!rows.length) return [];
  const dim = rows[0].length;
  const flat = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => flat.set(r, i * dim));
  const x = tf.tensor2d(flat, [rows.length, dim]);
  const y = model.predict(x) as tf.Tensor2D;
  const data = await y.data();
  x.dispose();
  y.dispose();
  const k = y.shape[1];
  return rows.map((_, i) => Float32Array.from(data.subarray(i * k, (i + 1) * k)));
}

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

export async function openClassifier(dir: string): Promise<EmotionClassifier> {
  const backend = await initBackend();
  const metadata = await readMetadata(dir);
  assertFeatureSpec(metadata, dir);
  // Older pooling versions are prefixes of the current vector: such models keep working.
  const dim = POOLING_DIMS[metadata.input.pooling];
  if (dim === undefined || metadata.input.dim !== dim) {
    throw new EmoqaError('MODEL_UNAVAILABLE', `model input ${metadata.input.pooling}/${metadata.input.dim} is not one this build produces (up to ${POOLING_VERSION}/${POOLED_DIM})`);
  }
  const plain = await loadModel(dir, metadata.model.file);
  const adapted = metadata.adaptation ? await loadModel(dir, metadata.adaptation.file) : null;
  const global: PartyStats = { mean: Float32Array.from(metadata.normalisation.mean), std: Float32Array.from(metadata.normalisation.std), count: 0 };
  const zeroFloor = new Float32Array(dim).fill(1e-6);
  const adaptFloor = Float32Array.from(metadata.adaptation?.stdFloor ?? []);
  const pool = (frames: FrameFeatures, windows: ReadonlyArray<readonly [number, number]>): Float32Array[] =>
    windows.map(([s, e]) => {
      const v = poolWindow(frames, s, e);
      return dim === POOLED_DIM ? v : v.slice(0, dim);
    });

  const decision = metadata.decision;
  const partyHead = decision ? await loadModel(dir, decision.file) : null;
  const decisionFloor = Float32Array.from(decision?.stdFloor ?? []);
  const decisionGlobal: PartyStats = { mean: Float32Array.from(decision?.global.mean ?? []), std: Float32Array.from(decision?.global.std ?? []), count: 0 };
  const statsOf = (pooled: readonly Float32Array[]): PartyStats =>
    decision ? shrunkPartyStats(pooled, decisionGlobal, decision.shrinkWindows) : partyStats(pooled);

  const classifyVectors = async (pooled: readonly Float32Array[], options: ClassifyOptions = {}): Promise<Float32Array[]> => {
    if (decision && partyHead) {
      // One window alone, or no adaptation asked for: the party is the global one (relative = absolute).
      const party = options.adaptation === true ? statsOf(pooled) : options.adaptation || statsOf([]);
      const raw = await predict(partyHead, pooled.map((v) => partyFeatures(v, decisionGlobal, party, decisionFloor)));
      return raw.map((p) => calibrate(p, decision.temperature, decision.classWeights));
    }
    const stats = options.adaptation === true ? (pooled.length ? partyStats(pooled) : null) : (options.adaptation || null);
    if (adapted && metadata.adaptation && stats && stats.count >= metadata.adaptation.minWindows) {
      return predict(adapted, pooled.map((v) => normaliseWith(v, stats, adaptFloor)));
    }
    return predict(plain, pooled.map((v) => normaliseWith(v, global, zeroFloor)));
  };

  return {
    metadata,
    backend,
    poolWindows: pool,
    partyStats: statsOf,
    uncertainBelow: decision?.uncertainBelow ?? 0,
    classifyVectors,
    async classifyWindows(frames, windows, options = {}) {
      if (frames.sampleRate !== metadata.sampleRate) {
        throw new EmoqaError('INVALID_ARGUMENT', `frames are at ${frames.sampleRate} Hz; the model needs ${metadata.sampleRate} Hz`);
      }
      return classifyVectors(pool(frames, windows), options);
    },
    dispose() {
      plain.dispose();
      adapted?.dispose();
      partyHead?.dispose();
    },
  };
}
