import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, afterAll } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { openClassifier } from '../../../../ml/model/classifier';
import { initBackend } from '../../../../ml/model/backend';
import { partyStats, POOLED_DIM } from '../../../../ml/model/pooling';
import { evaluateHeads } from '../../../../ml/retrain/evaluate';
import { disposeHeads, loadHeads, predictHeads, trainHeads, type PartyRow } from '../../../../ml/retrain/heads';
import { robustStats } from '../../../../ml/model/party-features';
import { DEFAULT_RETRAIN_CONFIG } from '../../../../ml/retrain/protocol';
import { classBalancedWeights, weightedFit } from '../../../../ml/train/weighted-fit';
import { writeCandidate } from '../../../../ml/retrain/write-candidate';
import { mulberry32 } from '../../../../ml/train/random';
import type { RetrainReport } from '../../../../electron/shared/contract';
import { makeTempDir } from '../../../helpers/fixtures';
import { writeStubModel } from '../../electron/services/analysis/stub-model';

/** Rows whose class shows in a few dimensions, for two "parties" with different offsets (voices). */
function rows(n: number, seed: number): PartyRow[] {
  const random = mulberry32(seed);
  const raw = Array.from({ length: n }, (_, i) => {
    const label = i % EMOTIONS.length;
    const party = i % 2;
    const v = Float32Array.from({ length: POOLED_DIM }, () => random() - 0.5 + party * 3);
    for (let d = 0; d < 4; d++) v[label * 4 + d] += 2;
    return { v, label, party };
  });
  const stats = [0, 1].map((p) => partyStats(raw.filter((r) => r.party === p).map((r) => r.v)));
  return raw.map((r) => ({ pooled: r.v, label: r.label, party: stats[r.party] }));
}

const recipe = { ...DEFAULT_RETRAIN_CONFIG.recipe, hidden: [32], epochs: 12, learningRate: 3e-3, batchSize: 32 };
const score = { accuracy: 0.9, macroF1: 0.9, n: 10 };

describe('retraining heads', () => {
  const temp = makeTempDir('emoqa-heads-');
  afterAll(() => temp.cleanup());

  it('learns both heads from weighted rows and scores them as analysis would', async () => {
    await initBackend();
    const train = rows(280, 1);
    const weights = classBalancedWeights(train.map((r) => ({ label: r.label, correction: false })), EMOTIONS.length, 4);
    const heads = await trainHeads(train, { recipe, seed: 1, minWindows: 8, weights });
    const test = await evaluateHeads(heads, rows(140, 2));
    expect(test.score.accuracy).toBeGreaterThan(0.8);
    expect(test.confusion.flat().reduce((s, x) => s + x, 0)).toBe(140);
    disposeHeads(heads);
  });

  it('fine-tunes a model folder, writes a candidate that analysis can load, and keeps its normalisation', async () => {
    const stub = await writeStubModel(`${temp.dir}/stub`);
    const current = await loadHeads(stub);
    const train = rows(140, 3);
    const tuned = await trainHeads(train, { recipe, init: current.heads, seed: 2, minWindows: 8, weights: new Float32Array(train.length).fill(1) });
    expect(Array.from(tuned.global.std.slice(0, 3))).toEqual([10, 10, 10]);
    expect((await evaluateHeads(tuned, rows(70, 4))).score.accuracy).toBeGreaterThan(0.8);
    const report = { version: 'retrained-test', parent: 'stub-0', before: { corrections: score, base: score }, after: { corrections: score, base: score },
      data: { corrections: 5, trainCalls: 1, heldOutCalls: 1, trainWindows: 5, heldOutWindows: 2, baseRows: 10, baseSource: 'bank', correctionWeight: 4, validationSpeakers: [] },
      baseReference: { kind: 'current', score }, thresholds: { minCorrectionGain: 0, maxBaseDrop: 0.02 }, accepted: true, reasons: [], epochs: 12, seconds: 1 } satisfies RetrainReport;
    await writeCandidate(`${temp.dir}/candidate`, { parent: current.metadata, heads: tuned, recipe, report, confusion: [], baseDescription: 'rows', trainRows: 140, seed: 2, fineTuned: true, sawValidationSpeakers: false });
    disposeHeads(tuned);
    const classifier = await openClassifier(`${temp.dir}/candidate`);
    expect(classifier.metadata).toMatchObject({ version: 'retrained-test', adaptation: { minWindows: 8 } });
    const probabilities = await classifier.classifyVectors(rows(14, 5).map((r) => r.pooled), { adaptation: true });
    expect(probabilities).toHaveLength(14);
    classifier.dispose();
  });

  it('fine-tunes the party head of a model that has one, and the retrained version keeps its decision rule for analysis', async () => {
    const stub = await writeStubModel(`${temp.dir}/party-stub`, { party: true });
    const current = await loadHeads(stub);
    expect(current.heads.party).not.toBeNull();
    const withRobust = (list: PartyRow[]): PartyRow[] => {
      const robust = [0, 1].map((p) => robustStats(list.filter((_, i) => i % 2 === p).map((r) => r.pooled)));
      return list.map((r, i) => ({ ...r, robust: robust[i % 2] }));
    };
    const train = withRobust(rows(280, 7));
    const before = (await evaluateHeads(current.heads, withRobust(rows(140, 8)))).score.accuracy;
    const tuned = await trainHeads(train, { recipe: { ...recipe, epochs: 20, learningRate: 1e-2 }, init: current.heads, seed: 3, minWindows: 8,
      weights: new Float32Array(train.length).fill(1) });
    const test = withRobust(rows(140, 8));
    expect((await evaluateHeads(tuned, test)).score.accuracy).toBeGreaterThan(Math.max(0.8, before + 0.3));
    const report = { version: 'retrained-party', parent: 'stub-0', before: { corrections: score, base: score }, after: { corrections: score, base: score },
      data: { corrections: 5, trainCalls: 2, heldOutCalls: 2, trainWindows: 5, heldOutWindows: 2, baseRows: 10, baseSource: 'bank', correctionWeight: 4, validationSpeakers: [] },
      baseReference: { kind: 'current', score }, thresholds: { minCorrectionGain: 0, maxBaseDrop: 0.02 }, accepted: true, reasons: [], epochs: 20, seconds: 1 } satisfies RetrainReport;
    await writeCandidate(`${temp.dir}/party-candidate`, { parent: current.metadata, heads: tuned, recipe, report, confusion: [], baseDescription: 'rows', trainRows: 280, seed: 3, fineTuned: true, sawValidationSpeakers: false });
    const classifier = await openClassifier(`${temp.dir}/party-candidate`);
    expect(classifier.metadata.decision).toMatchObject({ kind: 'party-abs-rel', file: 'party.json', temperature: 2, classWeights: [1, 1, 1, 1, 2, 1, 1], uncertainBelow: 0.4 });
    expect(classifier.uncertainBelow).toBe(0.4);
    // Analysis of one party (its windows' statistics) gives what the retraining scored: the fine-tuned party head, tempered and prior-weighted.
    const party = test.filter((_, i) => i % 2 === 0);
    const analysed = await classifier.classifyVectors(party.map((r) => r.pooled), { adaptation: true });
    const scored = await predictHeads(tuned, party);
    analysed.forEach((p, i) => p.forEach((v, k) => expect(v).toBeCloseTo(scored[i][k], 4)));
    classifier.dispose();
    disposeHeads(tuned);
  });

  it('keeps the asked share of the party head\'s weight change (fineTuneKeep): 0.5 lands halfway between the current and the fully fine-tuned head', async () => {
    const stub = await writeStubModel(`${temp.dir}/party-keep`, { party: true });
    const train = rows(120, 9).map((r) => ({ ...r, robust: robustStats([r.pooled]) }));
    const weightsOf = (heads: Awaited<ReturnType<typeof loadHeads>>['heads']): Float32Array[] => heads.party!.model.getWeights().map((w) => w.dataSync() as Float32Array);
    const tuneWith = async (keep: number | undefined): Promise<Float32Array[]> => {
      const { heads } = await loadHeads(stub);
      const tuned = await trainHeads(train, { recipe: { ...recipe, epochs: 3, learningRate: 1e-2 }, init: heads, seed: 5, minWindows: 8,
        weights: new Float32Array(train.length).fill(1), fineTuneKeep: keep });
      const weights = weightsOf(tuned);
      disposeHeads(tuned);
      return weights;
    };
    const { heads: start } = await loadHeads(stub);
    const before = weightsOf(start);
    disposeHeads(start);
    const full = await tuneWith(undefined);
    const half = await tuneWith(0.5);
    let moved = 0;
    before.forEach((w0, v) => w0.forEach((x, i) => {
      moved = Math.max(moved, Math.abs(full[v][i] - x));
      expect(half[v][i]).toBeCloseTo(x + 0.5 * (full[v][i] - x), 5);
    }));
    expect(moved).toBeGreaterThan(1e-3);
  });

  it('stops at the next batch when cancelled', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [POOLED_DIM], units: EMOTIONS.length, activation: 'softmax' })] });
    const controller = new AbortController();
    controller.abort();
    const x = rows(20, 6);
    await expect(weightedFit(model, x.map((r) => r.pooled), x.map((r) => r.label), new Float32Array(20).fill(1), EMOTIONS.length,
      { epochs: 3, batchSize: 8, learningRate: 1e-3, seed: 1, signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    model.dispose();
  });
});
