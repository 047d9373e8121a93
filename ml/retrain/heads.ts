/**
 * The two heads of an emoqa model as retraining handles them: the plain one on globally z-scored
 * pooled vectors, and the adapted one on vectors z-scored with their own party's statistics (used
 * by analysis when the party has at least `minWindows` windows), and — when the model has one — the
 * party head with its decision rule (party-head.ts), which analysis then uses alone. Trained in
 * memory, loaded from a model folder, scored the same way analysis would score them.
 */
import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../electron/shared/domain';
import { readMetadata } from '../model/model-dir';
import { loadModel } from '../model/fs-io';
import type { ModelMetadata } from '../model/metadata';
import { normaliseWith, POOLED_DIM, type PartyStats } from '../model/pooling';
import { denseNet } from '../train/nets';
import { predictRows } from '../train/fit';
import { fitScaler, stdFloor } from '../train/normalise';
import { weightedFit } from '../train/weighted-fit';
import { fineTunePartyHead, loadPartyHead, predictPartyHead, type PartyHeadState } from './party-head';

export interface Heads {
  plain: tf.LayersModel;
  adapted: tf.LayersModel | null;
  global: PartyStats;
  adaptFloor: Float32Array;
  minWindows: number;
  /** Input size: POOLED_DIM, or a prefix of it for a model of an older pooling version. */
  dim: number;
  /** The party head and its decision rule: what analysis runs when present (then the others are kept as they are). */
  party: PartyHeadState | null;
}

/** A pooled window with the statistics of the party (voice in one call or condition) it belongs to. */
export interface PartyRow {
  pooled: Float32Array;
  label: number;
  party: PartyStats;
  /** Robust statistics of the same party (the party head's input; absent: the window alone). */
  robust?: PartyStats;
  /** A correction's weight factor for its age (0..1; absent: 1). */
  recency?: number;
}

export interface HeadRecipe {
  hidden: number[];
  dropout: number;
  l2: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
}

const ZERO_FLOOR = new Float32Array(POOLED_DIM).fill(1e-6);

/** A row cut to an older model's input (older pooling versions are prefixes of the current one). */
function forDim(r: PartyRow, dim: number): PartyRow {
  if (r.pooled.length === dim) return r;
  return { ...r, pooled: r.pooled.slice(0, dim), party: { ...r.party, mean: r.party.mean.slice(0, dim), std: r.party.std.slice(0, dim) } };
}

export async function predictHeads(heads: Heads, rows: readonly PartyRow[]): Promise<Float32Array[]> {
  if (heads.party) return predictPartyHead(heads.party, rows);
  const adaptedIdx: number[] = [];
  const plainIdx: number[] = [];
  rows.forEach((r, i) => (heads.adapted && r.party.count >= heads.minWindows ? adaptedIdx : plainIdx).push(i));
  const out = new Array<Float32Array>(rows.length);
  const run = async (model: tf.LayersModel, idx: number[], normalise: (r: PartyRow) => Float32Array): Promise<void> => {
    if (!idx.length) return;
    const probabilities = await predictRows(model, idx.map((i) => normalise(forDim(rows[i], heads.dim))));
    idx.forEach((i, k) => (out[i] = probabilities[k]));
  };
  if (heads.adapted) await run(heads.adapted, adaptedIdx, (r) => normaliseWith(r.pooled, r.party, heads.adaptFloor));
  await run(heads.plain, plainIdx, (r) => normaliseWith(r.pooled, heads.global, ZERO_FLOOR));
  return out;
}

export async function loadHeads(dir: string): Promise<{ heads: Heads; metadata: ModelMetadata }> {
  const metadata = await readMetadata(dir);
  const plain = await loadModel(dir, metadata.model.file);
  const adapted = metadata.adaptation ? await loadModel(dir, metadata.adaptation.file) : null;
  return {
    metadata,
    heads: {
      plain,
      adapted,
      global: { mean: Float32Array.from(metadata.normalisation.mean), std: Float32Array.from(metadata.normalisation.std), count: 0 },
      adaptFloor: Float32Array.from(metadata.adaptation?.stdFloor ?? []),
      minWindows: metadata.adaptation?.minWindows ?? Number.POSITIVE_INFINITY,
      dim: metadata.input.dim,
      party: await loadPartyHead(dir, metadata),
    },
  };
}

export function disposeHeads(heads: Heads): void {
  heads.plain.dispose();
  heads.adapted?.dispose();
  heads.party?.model.dispose();
}

/** Heads trained by one `trainHeads` call (epochs count once per head). */
export const headsTrained = (init: Heads | undefined): number => (init?.party ? 1 : 2);

export interface TrainHeadsOptions {
  recipe: HeadRecipe;
  /**
   * Fine-tune these heads (taken over and trained in place) instead of starting from scratch: the
   * model keeps what it learnt from the base data and its input normalisation, and the base rows
   * replayed beside the corrections keep it from forgetting.
   */
  init?: Heads;
  seed: number;
  minWindows: number;
  /** Per row, mean 1 (see classBalancedWeights). */
  weights: Float32Array;
  /** Party head only: share of the fine-tuning's weight change kept (RetrainConfig.fineTuneKeep). */
  fineTuneKeep?: number;
  onEpoch?: () => void;
  signal?: AbortSignal;
}

/** Both heads on `rows` (base and corrections together), from scratch or from `init`. */
export async function trainHeads(rows: readonly PartyRow[], options: TrainHeadsOptions): Promise<Heads> {
  const pooled = rows.map((r) => r.pooled);
  const labels = rows.map((r) => r.label);
  const { recipe, init } = options;
  if (init && init.dim !== POOLED_DIM) throw new Error(`cannot fine-tune a model with ${init.dim} inputs on ${POOLED_DIM}-value rows`);
  if (init?.party) {
    // Analysis runs the party head alone: fine-tune it (head-only), keep the plain/adapted heads as they are.
    const party = await fineTunePartyHead(init.party, rows, { epochs: recipe.epochs, batchSize: recipe.batchSize, learningRate: recipe.learningRate,
      seed: options.seed, weights: options.weights, keep: options.fineTuneKeep, onEpoch: options.onEpoch, signal: options.signal });
    return { ...init, party, minWindows: options.minWindows };
  }
  const global = init ? init.global : fitScaler(pooled);
  const adaptFloor = init?.adapted ? init.adaptFloor : stdFloor(pooled);
  const fit = async (x: Float32Array[], seed: number, start: tf.LayersModel | null | undefined): Promise<tf.LayersModel> => {
    const model = start ?? denseNet({ inputDim: POOLED_DIM, hidden: recipe.hidden, dropout: recipe.dropout, l2: recipe.l2, nClasses: EMOTIONS.length, seed });
    try {
      await weightedFit(model, x, labels, options.weights, EMOTIONS.length, {
        epochs: recipe.epochs, batchSize: recipe.batchSize, learningRate: recipe.learningRate, seed, signal: options.signal, onEpoch: options.onEpoch,
      });
    } catch (error) {
      model.dispose();
      throw error;
    }
    return model;
  };
  const plain = await fit(pooled.map((v) => normaliseWith(v, global, ZERO_FLOOR)), options.seed, init?.plain);
  try {
    const adapted = await fit(rows.map((r) => normaliseWith(r.pooled, r.party, adaptFloor)), options.seed + 1, init?.adapted);
    return { plain, adapted, global, adaptFloor, minWindows: options.minWindows, dim: POOLED_DIM, party: null };
  } catch (error) {
    plain.dispose();
    throw error;
  }
}
