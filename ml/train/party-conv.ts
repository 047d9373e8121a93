/**
 * Convolutional party heads for the comparison, trained like the pooled party head (parties drawn
 * as calls have them, singles, corpus-balanced weighted loss): the study's Conv1D at its real width
 * over the 184 means as [global z | party z] channels, and a small Conv1D over MFCC frame sequences
 * (frame-sequence.ts) with SpecAugment.
 */
import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../electron/shared/domain';
import { SEQUENCE, sequenceInputs, sequenceWindow, stepsOf, timeMajor } from '../model/frame-sequence';
import { partyInputs } from '../model/party-features';
import { SEQ_CHANNELS, type Sample } from './dataset';
import { stackRows } from './fit';
import type { TrainContext } from './models';
import { sequenceNet, studyConvNet } from './nets';
import { fitScaler, stdFloor } from './normalise';
import { drawPartyRows, fitPartyHead, PARTY_RECIPE, PARTY_SHRINK_WINDOWS, trainingWeights, type PartyFamily, type PartyHead, type PartyInputsOf, type PartyRecipe, type PartyRows } from './party-recipe';
import { mulberry32 } from './random';
import { SPEC_AUGMENT, specAugment, type SpecAugmentOptions } from './spec-augment';
import { weightedFitBatches } from './weighted-fit';

const K = EMOTIONS.length;

export interface ConvRecipe {
  /** Filter scale of the study's 256/128/128/128 (1 = the study's real width). */
  width: number;
  epochs: number;
  /** Epochs with --quick. */
  quickEpochs: number;
  drawsPerCondition: number;
  singles: number;
  lr: number;
  batchSize: number;
  /** Share of the drawn rows trained on with --quick (seeded): the real-width study net costs ~80 ms per row on a shared core. */
  quickRowShare?: number;
}

export const STUDY_CONV_RECIPE: ConvRecipe = { width: 1, epochs: 6, quickEpochs: 1, quickRowShare: 0.5, drawsPerCondition: 1, singles: 24, lr: 1e-3, batchSize: 64 };

export interface SequenceRecipe extends Omit<ConvRecipe, 'width'> {
  /** First two convolutions' filters (the third has 16 more). */
  filters: number;
  specAugment: SpecAugmentOptions;
}

export const SEQUENCE_RECIPE: SequenceRecipe = { filters: 48, epochs: 10, quickEpochs: 6, drawsPerCondition: 1, singles: 24, lr: 2e-3, batchSize: 64, specAugment: SPEC_AUGMENT };

/** A seeded share of the rows (every field kept aligned). */
export function subsampleRows(rows: PartyRows, share: number, seed: number): PartyRows {
  const random = mulberry32(seed + 77);
  const keep = rows.x.map(() => random() < share);
  const pick = <T>(list: readonly T[]): T[] => list.filter((_, i) => keep[i]);
  return { x: pick(rows.x), labels: pick(rows.labels), corpus: pick(rows.corpus), variant: pick(rows.variant), condition: pick(rows.condition), party: pick(rows.party) };
}

async function fitRows(model: tf.LayersModel, train: readonly Sample[], inputsOf: PartyInputsOf, ctx: TrainContext,
  r: Omit<ConvRecipe, 'width'>, augment?: (x: Float32Array, random: () => number) => void): Promise<number> {
  const drawn = drawPartyRows(train, inputsOf, { drawsPerCondition: r.drawsPerCondition, singles: r.singles, seed: ctx.seed });
  const rows = ctx.quick && r.quickRowShare !== undefined && r.quickRowShare < 1 ? subsampleRows(drawn, r.quickRowShare, ctx.seed) : drawn;
  const weights = trainingWeights(train, rows, PARTY_RECIPE.corpusPower);
  const random = mulberry32(ctx.seed + 31);
  const makeBatch = (idx: number[]): tf.Tensor => {
    if (!augment) return stackRows(rows.x, idx);
    const dim = rows.x[0].length;
    const flat = new Float32Array(idx.length * dim);
    idx.forEach((r, i) => {
      const view = flat.subarray(i * dim, (i + 1) * dim);
      view.set(rows.x[r]);
      augment(view, random);
    });
    return tf.tensor2d(flat, [idx.length, dim]);
  };
  await weightedFitBatches(model, rows.x.length, rows.labels, weights, K, makeBatch,
    { epochs: ctx.quick ? r.quickEpochs : r.epochs, batchSize: r.batchSize, learningRate: r.lr, seed: ctx.seed, onEpoch: ctx.onEpoch });
  return rows.x.length;
}

/** The study's Conv1D (256/128/128/128 × width) over [global z | party z] of the 184 means, as 2 channels. */
export async function fitStudyConvHead(train: readonly Sample[], ctx: TrainContext, recipe: ConvRecipe = STUDY_CONV_RECIPE): Promise<PartyHead> {
  const global = fitScaler(train.map((s) => s.study));
  const floor = stdFloor(train.map((s) => s.study));
  const decision = { shrinkWindows: PARTY_SHRINK_WINDOWS, stdFloor: floor };
  const inputsOf: PartyInputsOf = (party) => partyInputs(party.map((s) => s.study), global, decision);
  const dim = 2 * global.mean.length;
  const model = studyConvNet(dim, K, ctx.seed, recipe.width, 2);
  await fitRows(model, train, inputsOf, ctx, recipe);
  const f = [256, 128, 128, 128].map((n) => Math.max(4, Math.round(n * recipe.width))).join('/');
  return { family: 'study-conv1d', model, global, stdFloor: floor, shrinkWindows: PARTY_SHRINK_WINDOWS, inputsOf,
    architecture: `study Conv1D ${f} filters (kernel 5, max-pool 8) over the 184 means, [global z | party z] as 2 channels` };
}

/** A sample's frame sequence (its centre ≈3 s, short clips wrapped), as the product cuts a window. */
export function sampleSequence(s: Sample): Float32Array {
  return sequenceWindow(timeMajor(s.seq, SEQ_CHANNELS), 0, s.seqLen);
}

/** A Conv1D over MFCC frame sequences, [global z | party z] per step, SpecAugment in training. */
export async function fitSequenceHead(train: readonly Sample[], ctx: TrainContext, recipe: SequenceRecipe = SEQUENCE_RECIPE): Promise<PartyHead> {
  const windows = new Map(train.map((s) => [s, sampleSequence(s)]));
  const steps = stepsOf([...windows.values()]);
  const global = fitScaler(steps);
  const floor = stdFloor(steps);
  const decision = { shrinkWindows: PARTY_SHRINK_WINDOWS, stdFloor: floor };
  const inputsOf: PartyInputsOf = (party) => sequenceInputs(party.map((s) => windows.get(s) ?? sampleSequence(s)), global, decision);
  const model = sequenceNet(2 * SEQUENCE.channels, K, ctx.seed, recipe.filters, SEQUENCE.steps);
  const shape = { steps: SEQUENCE.steps, channels: SEQUENCE.channels, groups: 2 };
  await fitRows(model, train, inputsOf, ctx, recipe, (x, random) => specAugment(x, shape, recipe.specAugment, random));
  return { family: 'frame-sequence', model, global, stdFloor: floor, shrinkWindows: PARTY_SHRINK_WINDOWS, inputsOf,
    architecture: `Conv1D ${recipe.filters}/${recipe.filters}/${recipe.filters + 16} (kernels 5/5/3, max-pool 2, global average) over ${SEQUENCE.steps} steps of ` +
      `${SEQUENCE.stride} MFCC frames, [global z | party z] of ${SEQUENCE.channels} coefficients per step; SpecAugment in training` };
}

/** Trains the party head of `family` (the pooled one with its recipe). */
export function fitPartyFamily(family: PartyFamily, train: readonly Sample[], ctx: TrainContext, recipe?: PartyRecipe): Promise<PartyHead> {
  if (family === 'study-conv1d') return fitStudyConvHead(train, ctx);
  if (family === 'frame-sequence') return fitSequenceHead(train, ctx);
  return fitPartyHead(train, ctx, recipe);
}
