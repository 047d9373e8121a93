import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EMOTIONS } from '../../electron/shared/domain';
import { FEATURE_SPEC } from '../dsp';
import { initBackend } from '../model/backend';
import { saveModel } from '../model/fs-io';
import { LICENCE_NOTE, type ModelMetadata } from '../model/metadata';
import { POOLED_DIM, POOLING_VERSION } from '../model/pooling';
import { buildBank } from './bank';
import { readManifest } from './manifest';
import type { ClassificationReport } from './metrics';
import { denseEpochs, MLP, trainDense, type DenseOptions, type TrainContext } from './models';
import { fitScaler, speakerNormalise, applyScaler, stdFloor } from './normalise';
import { datasetRoot } from './paths';
import { aggregate, DEFAULT_PLAN, foldRows, type FoldResult, type TrainPlan } from './protocol';
import { predictRows } from './fit';
import { speakerFolds } from './split';
import type { Sample } from './dataset';

/** What the shipped model is: one head on global z-scores, one on per-speaker z-scores. */
export const SHIP_RECIPE: { plain: DenseOptions; adapted: DenseOptions } = { plain: MLP, adapted: MLP };
export const MODEL_VERSION_PREFIX = 'emoqa-pooled-mlp';

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
  return { n: r.n, accuracy: r.accuracy, macroF1: r.macroF1, recall: Object.fromEntries(EMOTIONS.map((e, i) => [e, r.recall[i]])) };
}

async function fitHeads(train: readonly Sample[], ctx: TrainContext) {
  const scaler = fitScaler(train.map((s) => s.pooled));
  const floor = stdFloor(train.map((s) => s.pooled));
  const labels = train.map((s) => s.item.label);
  const plain = await trainDense(applyScaler(train.map((s) => s.pooled), scaler), labels, SHIP_RECIPE.plain, ctx);
  const adapted = await trainDense(speakerNormalise(train, floor), labels, SHIP_RECIPE.adapted, ctx);
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
  const bank = await buildBank(items, plan.variants, {
    seed: options.seed,
    onExtract: (d, n) => {
      if (!phaseStarted) {
        phase('extracting features', n);
        phaseStarted = true;
      }
      options.onTick?.(d);
    },
  });
  const folds = speakerFolds(items, { tess: false });
  const ctx: TrainContext = { seed: options.seed, quick: options.quick ?? false, onEpoch: tick };
  const epochsPerFit = denseEpochs(SHIP_RECIPE.plain, ctx) + denseEpochs(SHIP_RECIPE.adapted, ctx);
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
    for (const model of ['plain', 'adapted'] as const) {
      for (const condition of ['wide', 'tel'] as const) {
        const r = aggregate(results, model, 'ravdess', condition);
        if (r) metrics[`speaker-cv/ravdess/${condition}${model === 'adapted' ? '/per-speaker-norm' : ''}`] = reportJson(r);
      }
    }
  }
  phase('training the shipped model', epochsPerFit);
  const all = foldRows(items, { name: 'all', group: 'ravdess', trainSpeakers: [...new Set(items.map((u) => u.speaker))], testSpeakers: [] }, bank.source, plan).train;
  const heads = await fitHeads(all, ctx);
  const seconds = (Date.now() - t0) / 1000;
  const params = (m: typeof heads.plain): number => m.countParams();
  const metadata: ModelMetadata = {
    version: `${MODEL_VERSION_PREFIX}-${new Date().toISOString().slice(0, 10)}-s${options.seed}`,
    createdAt: new Date().toISOString(),
    classes: [...EMOTIONS],
    sampleRate: FEATURE_SPEC.sampleRate,
    featureSpec: { ...FEATURE_SPEC },
    input: { kind: 'pooled-stats', pooling: POOLING_VERSION, dim: POOLED_DIM, minFrames: 8,
      description: 'per window of frame features (ml/dsp, one STFT per channel): log-mel mean/std, MFCC mean/std/delta-std, chroma mean/std, RMS dB/centroid/roll-off/ZCR mean/std/p10/p50/p90/delta-std (ml/model/pooling.ts)' },
    normalisation: { mean: Array.from(heads.scaler.mean), std: Array.from(heads.scaler.std) },
    model: { file: 'model.json', architecture: `dense ${POOLED_DIM}-${SHIP_RECIPE.plain.hidden.join('-')}-7, ReLU, dropout ${SHIP_RECIPE.plain.dropout}`, parameters: params(heads.plain) },
    adaptation: { file: 'adapted.json', architecture: `dense ${POOLED_DIM}-${SHIP_RECIPE.adapted.hidden.join('-')}-7 on per-party z-scores`, stdFloor: Array.from(heads.floor), minWindows: 8,
      description: 'z-score every pooled vector with the mean/std of the same party (speaker) over its windows; use with at least minWindows windows of one voice' },
    training: { data: `${root} (RAVDESS A01-A20, TESS OAF/YAF; ${items.length} files)`, rows: all.length,
      augmentation: ['trim leading/trailing silence (all rows)', 'telephone band copy: 300-3400 Hz, 8 kHz, mu-law (all files)', 'RAVDESS only: pitch ±2.5 semitones (rubberband) + white noise 15-35 dB SNR + gain ±6 dB, wideband and telephone'],
      seed: options.seed, epochs: SHIP_RECIPE.plain.epochs, durationS: Math.round(seconds) },
    split: 'metrics: 5-fold speaker-independent CV over RAVDESS actors (4 unseen actors per fold, 2 male + 2 female; TESS always in training); shipped weights: trained on all speakers',
    metrics,
    licence: LICENCE_NOTE,
  };
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
