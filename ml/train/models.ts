import * as tf from '@tensorflow/tfjs';
import { RandomForestClassifier } from 'ml-random-forest';
import { EMOTIONS } from '../../electron/shared/domain';
import type { Sample } from './dataset';
import { fitBatches, predictRows, stackRows } from './fit';
import { denseNet, studyConvNet } from './nets';
import { applyScaler, fitScaler, speakerNormalise, stdFloor } from './normalise';
import { mulberry32, shuffleInPlace } from './random';
import { trainSequenceModel } from './sequence-model';

const K = EMOTIONS.length;

export interface TrainContext {
  seed: number;
  quick: boolean;
  /** Called after every training epoch of every network (progress bars). */
  onEpoch?: () => void;
}

export interface Trained {
  predict(samples: readonly Sample[]): Promise<Float32Array[]>;
  dispose(): void;
  /** The network, when there is one, for shipping. */
  network?: tf.LayersModel;
}

export interface ModelSpec {
  name: string;
  description: string;
  /** Slow to train: run on the RAVDESS folds only, not the TESS cross-speaker folds. */
  heavy?: boolean;
  fit(train: readonly Sample[], ctx: TrainContext): Promise<Trained>;
}

export type Featuriser = (rows: readonly Sample[], fitted: boolean) => Float32Array[];

/** Global z-score (fitted on train) or per-speaker z-score of the pooled statistics. */
export function pooledFeaturiser(train: readonly Sample[], mode: 'global' | 'speaker', pick: (s: Sample) => Float32Array = (s) => s.pooled): Featuriser {
  if (mode === 'speaker') {
    const floor = stdFloor(train.map(pick));
    return (rows) => speakerNormalise(rows, floor, pick);
  }
  const scaler = fitScaler(train.map(pick));
  return (rows) => applyScaler(rows.map(pick), scaler);
}

export interface DenseOptions {
  hidden: number[];
  dropout: number;
  l2: number;
  epochs: number;
  lr: number;
  batchSize?: number;
}

export function denseEpochs(o: DenseOptions, ctx: Pick<TrainContext, 'quick'>): number {
  return ctx.quick ? Math.ceil(o.epochs / 2) : o.epochs;
}

export async function trainDense(x: Float32Array[], labels: number[], o: DenseOptions, ctx: TrainContext): Promise<tf.LayersModel> {
  const model = denseNet({ inputDim: x[0].length, hidden: o.hidden, dropout: o.dropout, l2: o.l2, nClasses: K, seed: ctx.seed });
  await fitBatches(model, x.length, labels, K, (rows) => stackRows(x, rows), {
    epochs: denseEpochs(o, ctx), batchSize: o.batchSize ?? 64, learningRate: o.lr, seed: ctx.seed, onEpoch: ctx.onEpoch });
  return model;
}

function denseSpec(name: string, description: string, mode: 'global' | 'speaker', o: DenseOptions, pick?: (s: Sample) => Float32Array): ModelSpec {
  return {
    name,
    description,
    async fit(train, ctx) {
      const featurise = pooledFeaturiser(train, mode, pick);
      const model = await trainDense(featurise(train, true), train.map((s) => s.item.label), o, ctx);
      return { network: model, predict: (rows) => predictRows(model, featurise(rows, false)), dispose: () => model.dispose() };
    },
  };
}

export const LOGREG: DenseOptions = { hidden: [], dropout: 0, l2: 1e-2, epochs: 16, lr: 3e-3 };
export const MLP: DenseOptions = { hidden: [192, 96], dropout: 0.3, l2: 1e-4, epochs: 24, lr: 1e-3 };

const studyConv: ModelSpec = {
  name: 'study-conv1d',
  heavy: true,
  description: "study's Conv1D over the 184 means (filters ×⅛ of 256/128/128/128 for time)",
  async fit(train, ctx) {
    const featurise = pooledFeaturiser(train, 'global', (s) => s.study);
    const x = featurise(train, true);
    const model = studyConvNet(x[0].length, K, ctx.seed, 0.125);
    await fitBatches(model, x.length, train.map((s) => s.item.label), K, (rows) => stackRows(x, rows),
      { epochs: ctx.quick ? 3 : 6, batchSize: 64, learningRate: 1e-3, seed: ctx.seed });
    return { network: model, predict: (rows) => predictRows(model, featurise(rows, false)), dispose: () => model.dispose() };
  },
};

/** A class-balanced subsample (seeded): ml-cart scans every split point with a full pass, O(n²) per node. */
function balancedSubsample(rows: readonly Sample[], perClass: number, seed: number): Sample[] {
  const random = mulberry32(seed);
  const byClass = EMOTIONS.map((_, k) => shuffleInPlace(rows.filter((s) => s.item.label === k), random));
  return byClass.flatMap((list) => list.slice(0, perClass));
}

const randomForest: ModelSpec = {
  name: 'random-forest',
  heavy: true,
  description: 'ml-random-forest on pooled statistics (class-balanced subsample of 200 rows per class: JS CART is quadratic in rows)',
  async fit(train, ctx) {
    const rows = balancedSubsample(train, 200, ctx.seed);
    const forest = new RandomForestClassifier({ nEstimators: ctx.quick ? 15 : 25, maxFeatures: 24, replacement: false,
      seed: ctx.seed, useSampleBagging: true, noOOB: true, treeOptions: { maxDepth: 10, minNumSamples: 3 } });
    forest.train(rows.map((s) => Array.from(s.pooled)), rows.map((s) => s.item.label));
    return {
      async predict(samples) {
        const x = samples.map((s) => Array.from(s.pooled));
        const perClass = EMOTIONS.map((_, k) => forest.predictProbability(x, k));
        return samples.map((_, i) => Float32Array.from(perClass.map((p) => p[i])));
      },
      dispose: () => undefined,
    };
  },
};

/** The study's recommendation: a gender classifier, then one emotion model per predicted gender. */
const genderTwoStep: ModelSpec = {
  name: 'gender-two-step',
  description: 'logistic gender classifier, then a per-gender MLP (pooled statistics)',
  async fit(train, ctx) {
    const featurise = pooledFeaturiser(train, 'global');
    const x = featurise(train, true);
    const genderOf = (s: Sample): number => (s.item.gender === 'female' ? 1 : 0);
    const genderModel = denseNet({ inputDim: x[0].length, hidden: [], dropout: 0, l2: 1e-3, nClasses: 2, seed: ctx.seed });
    await fitBatches(genderModel, x.length, train.map(genderOf), 2, (rows) => stackRows(x, rows),
      { epochs: ctx.quick ? 4 : 8, batchSize: 64, learningRate: 3e-3, seed: ctx.seed });
    const perGender: tf.LayersModel[] = [];
    for (const g of [0, 1]) {
      const idx = train.map((s, i) => (genderOf(s) === g ? i : -1)).filter((i) => i >= 0);
      perGender.push(await trainDense(idx.map((i) => x[i]), idx.map((i) => train[i].item.label), MLP, ctx));
    }
    return {
      async predict(rows) {
        const z = featurise(rows, false);
        const gender = await predictRows(genderModel, z);
        const byGender = await Promise.all(perGender.map((m) => predictRows(m, z)));
        return rows.map((_, i) => byGender[gender[i][1] > 0.5 ? 1 : 0][i]);
      },
      dispose: () => [genderModel, ...perGender].forEach((m) => m.dispose()),
    };
  },
};

const sequenceCnn: ModelSpec = {
  name: 'frame-cnn',
  heavy: true,
  description: 'Conv1D over time on 40 MFCC frames, global average pooling',
  fit: (train, ctx) => trainSequenceModel(train, ctx),
};

const sequenceCnnSpeaker: ModelSpec = {
  name: 'frame-cnn+spk',
  heavy: true,
  description: 'the frame CNN on MFCC frames normalised per speaker (mean/std of all its frames)',
  fit: (train, ctx) => trainSequenceModel(train, ctx, { perSpeaker: true }),
};

export const MODELS: ModelSpec[] = [
  studyConv,
  denseSpec('logreg', 'logistic regression on pooled statistics', 'global', LOGREG),
  denseSpec('mlp', 'MLP 192-96 on pooled statistics', 'global', MLP),
  randomForest,
  genderTwoStep,
  sequenceCnn,
  denseSpec('logreg+spk', 'logistic regression, per-speaker normalised pooled statistics', 'speaker', LOGREG),
  denseSpec('mlp+spk', 'MLP 192-96, per-speaker normalised pooled statistics', 'speaker', MLP),
  sequenceCnnSpeaker,
];

/** Soft-voting combinations computed from members' probabilities (no extra training). */
export const VOTES: Array<{ name: string; description: string; members: string[] }> = [
  { name: 'vote rf+mlp', description: 'soft voting, random forest + MLP', members: ['random-forest', 'mlp'] },
  { name: 'vote logreg+mlp (+spk)', description: 'soft voting, speaker-normalised logreg + MLP', members: ['logreg+spk', 'mlp+spk'] },
];
