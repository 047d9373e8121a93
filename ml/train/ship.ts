import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EMOTIONS } from '../../electron/shared/domain';
import { FEATURE_SPEC } from '../dsp';
import { initBackend } from '../model/backend';
import { saveModel } from '../model/fs-io';
import { LICENCE_NOTE, modelMetadataSchema, type ModelMetadata } from '../model/metadata';
import { POOLED_DIM, POOLING_VERSION } from '../model/pooling';
import { buildBank } from './bank';
import { readManifest } from './manifest';
import type { ClassificationReport } from './metrics';
import * as tf from '@tensorflow/tfjs';
import { denseEpochs, LOGREG, MLP, trainDense, type DenseOptions, type TrainContext } from './models';
import { averageOf } from './nets';
import { fitScaler, speakerNormalise, applyScaler, stdFloor } from './normalise';
import { datasetRoot } from './paths';
import { aggregate, bankVariants, DEFAULT_PLAN, TESS_TRAIN_PERCENT, foldRows, type FoldResult, type TrainPlan } from './protocol';
import { predictRows } from './fit';
import { speakerFolds } from './split';
import type { Sample } from './dataset';

/**
 * What the shipped model is: two heads, one on global z-scores (single utterances), one on
 * per-speaker z-scores (a party over a call); each the soft vote of a logistic regression and an MLP.
 */
export const SHIP_RECIPE: { members: DenseOptions[] } = { members: [LOGREG, MLP] };
export const MODEL_VERSION_PREFIX = 'emoqa-pooled-vote';

async function trainHead(x: Float32Array[], labels: number[], ctx: TrainContext): Promise<tf.LayersModel> {
  const members: tf.Sequential[] = [];
  for (const o of SHIP_RECIPE.members) members.push((await trainDense(x, labels, o, ctx)) as tf.Sequential);
  return averageOf(members, x[0].length);
}

const recipeText = (): string => SHIP_RECIPE.members.map((o) => (o.hidden.length ? `MLP ${POOLED_DIM}-${o.hidden.join('-')}-7 (ReLU, dropout ${o.dropout})` : `logistic regression (L2 ${o.l2})`)).join(' + ');

export interface ShipOptions {
  datasets?: string;
  out: string;
  seed: number;
  quick?: boolean;
  /** Run the speaker-split CV of the recipe first, for the metrics in metadata.json. */
  evaluate?: boolean;
  /** Which copies of each file train (default: every copy; smoke runs may use fewer). */
  plan?: TrainPlan;
  onPhase?: (phase: string, total: number) => void;
  onTick?: (done: number) => void;
}

function reportJson(r: ClassificationReport): ModelMetadata['metrics'][string] {
  return { n: r.n, accuracy: r.accuracy, macroF1: r.macroF1, recall: Object.fromEntries(EMOTIONS.map((e, i) => [e, r.recall[i]])), confusion: r.confusion };
}

async function fitHeads(train: readonly Sample[], ctx: TrainContext) {
  const scaler = fitScaler(train.map((s) => s.pooled));
  const floor = stdFloor(train.map((s) => s.pooled));
  const labels = train.map((s) => s.item.label);
  const plain = await trainHead(applyScaler(train.map((s) => s.pooled), scaler), labels, ctx);
  const adapted = await trainHead(speakerNormalise(train, floor), labels, ctx);
  return { scaler, floor, plain, adapted };
}

export async function trainAndShip(options: ShipOptions): Promise<{ metadata: ModelMetadata; seconds: number }> {
  const t0 = Date.now();
  await initBackend();
  const root = datasetRoot(options.datasets);
  const items = await readManifest(path.join(root, 'manifest.csv'), root);
  let done = 0;
  const tick = (): void => options.onTick?.(++done);
  const phase = (name: string, total: number): void => {
    done = 0;
    options.onPhase?.(name, total);
  };
  let phaseStarted = false;
  const plan = options.plan ?? DEFAULT_PLAN;
  const bank = await buildBank(items, bankVariants, {
    seed: options.seed,
    onExtract: (d, n) => {
      if (!phaseStarted) {
        phase('extracting features', n);
        phaseStarted = true;
      }
      options.onTick?.(d);
    },
  });
  const folds = speakerFolds(items);
  const ctx: TrainContext = { seed: options.seed, quick: options.quick ?? false, onEpoch: tick };
  const epochsPerFit = 2 * SHIP_RECIPE.members.reduce((n, o) => n + denseEpochs(o, ctx), 0);
  const metrics: ModelMetadata['metrics'] = {};
  if (options.evaluate !== false) {
    phase('speaker-split evaluation', folds.length * epochsPerFit);
    const results: FoldResult[] = [];
    for (const fold of folds) {
      const rows = foldRows(items, fold, bank.source, plan);
      const heads = await fitHeads(rows.train, ctx);
      for (const condition of ['wide', 'tel'] as const) {
        const test = rows.test[condition];
        const truth = test.map((s) => s.item.label);
        const base = { fold: fold.name, group: fold.group, condition, truth, trainSeconds: 0 };
        results.push({ ...base, model: 'plain', probabilities: await predictRows(heads.plain, applyScaler(test.map((s) => s.pooled), heads.scaler)) });
        results.push({ ...base, model: 'adapted', probabilities: await predictRows(heads.adapted, speakerNormalise(test, heads.floor)) });
      }
      heads.plain.dispose();
      heads.adapted.dispose();
    }
    for (const group of ['ravdess', 'tess'] as const) {
      for (const model of ['plain', 'adapted'] as const) {
        for (const condition of ['wide', 'tel'] as const) {
          const r = aggregate(results, model, group, condition);
          if (r) metrics[`speaker-cv/${group}/${condition === 'wide' ? 'wideband' : 'telephone'}${model === 'adapted' ? '/per-speaker-norm' : ''}`] = reportJson(r);
        }
      }
    }
  }
  phase('training the shipped model', epochsPerFit);
  const all = foldRows(items, { name: 'all', group: 'ravdess', trainSpeakers: [...new Set(items.map((u) => u.speaker))], testSpeakers: [] }, bank.source, plan).train;
  const heads = await fitHeads(all, ctx);
  const seconds = (Date.now() - t0) / 1000;
  const params = (m: typeof heads.plain): number => m.countParams();
  const metadata: ModelMetadata = {
    // Minute-stamped: two trainings on one day with one seed are still two versions.
    version: `${MODEL_VERSION_PREFIX}-${POOLING_VERSION}-${new Date().toISOString().slice(0, 16).replace(/[-:]/g, '')}-s${options.seed}`,
    createdAt: new Date().toISOString(),
    classes: [...EMOTIONS],
    sampleRate: FEATURE_SPEC.sampleRate,
    featureSpec: { ...FEATURE_SPEC },
    input: { kind: 'pooled-stats', pooling: POOLING_VERSION, dim: POOLED_DIM, minFrames: 8,
      description: 'per window of frame features (ml/dsp, one STFT per channel): log-mel mean/std, MFCC mean/std/delta-std, chroma mean/std, RMS dB/centroid/roll-off/ZCR mean/std/p10/p50/p90/delta-std (ml/model/pooling.ts)' },
    normalisation: { mean: Array.from(heads.scaler.mean), std: Array.from(heads.scaler.std) },
    model: { file: 'model.json', architecture: `soft vote: ${recipeText()}, on globally z-scored inputs`, parameters: params(heads.plain) },
    adaptation: { file: 'adapted.json', architecture: `soft vote: ${recipeText()}, on per-party z-scores`, stdFloor: Array.from(heads.floor), minWindows: 8,
      description: 'z-score every pooled vector with the mean/std of the same party (speaker) over its windows; use with at least minWindows windows of one voice' },
    training: { data: `RAVDESS A01-A20 + TESS OAF/YAF from the project's corpora folder (${items.length} files listed)`, rows: all.length,
      augmentation: ['trim leading/trailing silence (all rows)', 'telephone band copy: 300-3400 Hz, 8 kHz, mu-law (all files)', 'RAVDESS only: pitch ±2.5 semitones, one shift per speaker (rubberband) + white noise 15-35 dB SNR + gain ±6 dB, wideband and telephone', `TESS: a fixed ${TESS_TRAIN_PERCENT}% of its files (clean + telephone) to keep 2 speakers from outweighing 20 actors`],
      seed: options.seed, epochs: Math.max(...SHIP_RECIPE.members.map((o) => denseEpochs(o, ctx))), durationS: Math.round(seconds) },
    split: 'metrics: speaker-independent CV. ravdess: 5 folds of 4 unseen actors (2 male + 2 female), TESS in training; tess: train on RAVDESS + one TESS speaker, test the other (OAF, YAF). Test audio wideband, or through the telephone chain. Shipped weights: all speakers.',
    metrics,
    licence: LICENCE_NOTE,
  };
  // The party head (party.json, made by `ml:compare -- --party --ship`) is independent of these heads: keep it.
  const previous = await fs.readFile(path.join(options.out, 'metadata.json'), 'utf8').then((t) => modelMetadataSchema.safeParse(JSON.parse(t)), () => null);
  if (previous?.success && previous.data.decision) Object.assign(metadata, { decision: previous.data.decision, figures: previous.data.figures, licence: previous.data.licence });
  const tmp = `${options.out}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await saveModel(heads.plain, tmp, 'model.json');
  await saveModel(heads.adapted, tmp, 'adapted.json');
  await fs.writeFile(path.join(tmp, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
  await fs.mkdir(options.out, { recursive: true });
  for (const f of await fs.readdir(tmp)) await fs.rename(path.join(tmp, f), path.join(options.out, f));
  await fs.rm(tmp, { recursive: true, force: true });
  heads.plain.dispose();
  heads.adapted.dispose();
  return { metadata, seconds };
}
