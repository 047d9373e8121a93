/**
 * The party head (metadata.decision) as retraining handles it: loaded from a model folder,
 * fine-tuned on [global z | party-relative z] inputs of corrections and replayed base rows, and
 * scored with the decision rule analysis applies (temperature, then the prior weights). The rule's
 * parameters travel unchanged to the retrained version, so analysis with it decides as measured.
 */
import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../electron/shared/domain';
import { loadModel } from '../model/fs-io';
import type { ModelMetadata } from '../model/metadata';
import { decideWindows } from '../model/call-rule';
import { voiceCentre } from '../model/correction-memory';
import { partyFeatures, robustStats, shrinkStats } from '../model/party-features';
import type { PartyStats } from '../model/pooling';
import { predictRows } from '../train/fit';
import { weightedFit } from '../train/weighted-fit';

export type Decision = NonNullable<ModelMetadata['decision']>;

export interface PartyHeadState {
  model: tf.LayersModel;
  decision: Decision;
  global: PartyStats;
  floor: Float32Array;
}

/** What the party head needs of a row: its pooled vector and its party's robust (unshrunk) statistics. */
export interface PartyInputRow {
  pooled: Float32Array;
  /** Median / IQR-spread of every window of the row's party, and their count (robustStats). */
  robust?: PartyStats;
}

export async function loadPartyHead(dir: string, metadata: ModelMetadata): Promise<PartyHeadState | null> {
  const decision = metadata.decision;
  if (!decision) return null;
  return {
    model: await loadModel(dir, decision.file),
    decision,
    global: { mean: Float32Array.from(decision.global.mean), std: Float32Array.from(decision.global.std), count: 0 },
    floor: Float32Array.from(decision.stdFloor),
  };
}

/** Head inputs of rows, each with its party's statistics shrunk as analysis shrinks them. */
export function partyHeadInputs(head: PartyHeadState, rows: readonly PartyInputRow[]): Float32Array[] {
  const shrunk = new Map<PartyStats, PartyStats>();
  return rows.map((r) => {
    const robust = r.robust ?? robustStats([r.pooled]);
    let party = shrunk.get(robust);
    if (!party) {
      party = shrinkStats(robust, head.global, head.decision.shrinkWindows);
      shrunk.set(robust, party);
    }
    return partyFeatures(r.pooled, head.global, party, head.floor);
  });
}

/** Each row's party voice (voiceCentre of its robust median) as analysis finds it; rows of one party share one. */
export function partyVoices(head: PartyHeadState, rows: readonly PartyInputRow[]): Float32Array[] {
  const voices = new Map<PartyStats, Float32Array>();
  return rows.map((r) => {
    if (!r.robust) return voiceCentre(r.pooled, head.global);
    let voice = voices.get(r.robust);
    if (!voice) {
      voice = voiceCentre(r.robust.mean, head.global);
      voices.set(r.robust, voice);
    }
    return voice;
  });
}

/** Probabilities as analysis shows them: raw head output tempered and prior-weighted. */
export async function predictPartyHead(head: PartyHeadState, rows: readonly PartyInputRow[]): Promise<Float32Array[]> {
  if (!rows.length) return [];
  const raw = await predictRows(head.model, partyHeadInputs(head, rows));
  return decideWindows(raw, head.decision);
}

export interface PartyFineTune {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  weights: Float32Array;
  /** Share of the weight change kept (1: all; see RetrainConfig.fineTuneKeep). */
  keep?: number;
  onEpoch?: () => void;
  signal?: AbortSignal;
}

/** Fine-tunes `head.model` in place on `rows` (its raw output: the decision rule stays as fitted). */
export async function fineTunePartyHead(head: PartyHeadState, rows: ReadonlyArray<PartyInputRow & { label: number }>, o: PartyFineTune): Promise<PartyHeadState> {
  const keep = o.keep ?? 1;
  const start = keep < 1 ? head.model.getWeights().map((w) => w.clone()) : [];
  try {
    await weightedFit(head.model, partyHeadInputs(head, rows), rows.map((r) => r.label), o.weights, EMOTIONS.length, {
      epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, seed: o.seed, signal: o.signal, onEpoch: o.onEpoch,
    });
    if (keep < 1) interpolateWeights(head.model, start, keep);
  } finally {
    start.forEach((w) => w.dispose());
  }
  return head;
}

/** Sets `model`'s weights to start + keep·(now − start), element-wise (every variable, biases too). */
function interpolateWeights(model: tf.LayersModel, start: readonly tf.Tensor[], keep: number): void {
  const blended = tf.tidy(() => model.getWeights().map((w, i) => tf.add(start[i], tf.mul(tf.sub(w, start[i]), keep))));
  model.setWeights(blended);
  blended.forEach((w) => w.dispose());
}
