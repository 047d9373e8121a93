import path from 'node:path';
import { EMOTIONS } from '../../electron/shared/domain';
import { initBackend } from '../model/backend';
import { buildBank, type SampleBank } from './bank';
import type { Sample } from './dataset';
import { readManifest, type Utterance } from './manifest';
import { argmax, classificationReport, type ClassificationReport } from './metrics';
import { MODELS, VOTES, type ModelSpec, type TrainContext } from './models';
import { datasetRoot } from './paths';
import { aggregate, bankVariants, foldRows, runFold, vote, type FoldResult } from './protocol';
import { randomSplit, speakerFolds } from './split';

export interface CompareOptions {
  datasets?: string;
  seed: number;
  quick: boolean;
  /** Model names to run (default: all). */
  models?: string[];
  /** Include the TESS cross-speaker folds. */
  tess: boolean;
  /** Run the study's random split too. */
  random: boolean;
  log: (line: string) => void;
}

export interface CompareRow {
  model: string;
  description: string;
  wide: ClassificationReport | null;
  tel: ClassificationReport | null;
  tessWide: ClassificationReport | null;
  tessTel: ClassificationReport | null;
  /** Accuracy per RAVDESS fold, wideband (spread across speakers). */
  foldAccuracy: number[];
  trainSeconds: number;
}

export interface RandomSplitRow {
  model: string;
  protocol: string;
  report: ClassificationReport;
}

export interface ComparisonReport {
  seed: number;
  quick: boolean;
  rows: CompareRow[];
  random: RandomSplitRow[];
  seconds: number;
}

async function evaluateRows(model: ModelSpec, train: Sample[], test: Sample[], ctx: TrainContext): Promise<ClassificationReport> {
  const trained = await model.fit(train, ctx);
  const probs = await trained.predict(test);
  trained.dispose();
  return classificationReport(test.map((s) => s.item.label), probs.map(argmax), EMOTIONS.length);
}

/**
 * The study's protocol: every copy (clean, telephone, augmented) is a row, rows are split 80/20 at
 * random, so copies of one recording and every speaker sit on both sides. Then, for contrast, the
 * same random split by file with augmentation made after it.
 */
export async function randomSplitProtocols(items: readonly Utterance[], bank: SampleBank, models: readonly ModelSpec[], ctx: TrainContext): Promise<RandomSplitRow[]> {
  const rows = items.flatMap((u) => bankVariants(u).map((v) => bank.source(u, v)).filter((s): s is Sample => s !== undefined));
  const before = randomSplit(rows, ctx.seed);
  const byFile = randomSplit(items, ctx.seed);
  const after = {
    train: foldRows(byFile.train, { name: 'r', group: 'ravdess', trainSpeakers: [...new Set(items.map((u) => u.speaker))], testSpeakers: [] }, bank.source).train,
    test: byFile.test.map((u) => bank.source(u, 'clean')).filter((s): s is Sample => s !== undefined),
  };
  const out: RandomSplitRow[] = [];
  for (const model of models) {
    out.push({ model: model.name, protocol: 'random 80/20 of rows, augmentation before the split (study)', report: await evaluateRows(model, before.train, before.test, ctx) });
    out.push({ model: model.name, protocol: 'random 80/20 of files, augmentation after the split (clean test)', report: await evaluateRows(model, after.train, after.test, ctx) });
  }
  return out;
}

export async function runComparison(o: CompareOptions): Promise<{ report: ComparisonReport; results: FoldResult[] }> {
  const t0 = Date.now();
  o.log(`backend: ${await initBackend()}`);
  const root = datasetRoot(o.datasets);
  const items = await readManifest(path.join(root, 'manifest.csv'), root);
  const bank = await buildBank(items, bankVariants, {
    seed: 0,
    onExtract: (d, n) => (d % 500 === 0 || d === n) && o.log(`features ${d}/${n}`),
  });
  o.log(`rows in memory: ${bank.size} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  const folds = speakerFolds(items, { tess: o.tess });
  const models = MODELS.filter((m) => !o.models || o.models.includes(m.name));
  const ctx: TrainContext = { seed: o.seed, quick: o.quick };
  const results: FoldResult[] = [];
  for (const fold of folds) {
    const rows = foldRows(items, fold, bank.source);
    for (const model of models) {
      if (model.heavy && fold.group === 'tess') continue;
      const r = await runFold(model, fold, rows, ctx);
      results.push(...r);
      const acc = r.map((x) => `${x.condition} ${(100 * classificationReport(x.truth, x.probabilities.map(argmax), EMOTIONS.length).accuracy).toFixed(1)}%`);
      o.log(`${fold.name.padEnd(12)} ${model.name.padEnd(16)} ${acc.join('  ')}  (${r[0].trainSeconds.toFixed(0)} s, ${((Date.now() - t0) / 60000).toFixed(1)} min)`);
    }
  }
  for (const v of VOTES) if (v.members.every((m) => models.some((x) => x.name === m))) results.push(...vote(results, v.name, v.members));
  const names = [...models.map((m) => ({ name: m.name, description: m.description })), ...VOTES.filter((v) => results.some((r) => r.model === v.name))];
  const rows: CompareRow[] = names.map(({ name, description }) => ({
    model: name,
    description,
    wide: aggregate(results, name, 'ravdess', 'wide'),
    tel: aggregate(results, name, 'ravdess', 'tel'),
    tessWide: aggregate(results, name, 'tess', 'wide'),
    tessTel: aggregate(results, name, 'tess', 'tel'),
    foldAccuracy: results.filter((r) => r.model === name && r.group === 'ravdess' && r.condition === 'wide')
      .map((r) => classificationReport(r.truth, r.probabilities.map(argmax), EMOTIONS.length).accuracy),
    trainSeconds: results.filter((r) => r.model === name && r.condition === 'wide').reduce((s, r) => s + r.trainSeconds, 0),
  }));
  const randomModels = MODELS.filter((m) => ['study-conv1d', 'mlp'].includes(m.name) && (!o.models || o.models.includes(m.name)));
  const random = o.random ? await randomSplitProtocols(items, bank, randomModels, ctx) : [];
  return { report: { seed: o.seed, quick: o.quick, rows, random, seconds: (Date.now() - t0) / 1000 }, results };
}
