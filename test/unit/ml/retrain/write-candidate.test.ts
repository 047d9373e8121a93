import { afterAll, describe, expect, it } from 'vitest';
import type { RetrainReport } from '../../../../electron/shared/contract';
import { openClassifier } from '../../../../ml/model/classifier';
import { estimateChannel } from '../../../../ml/model/channel-stats';
import { POOLED_DIM } from '../../../../ml/model/pooling';
import { robustStats } from '../../../../ml/model/party-features';
import { predictWithMemory } from '../../../../ml/retrain/evaluate';
import { disposeHeads, loadHeads, type PartyRow } from '../../../../ml/retrain/heads';
import { memoryOf } from '../../../../ml/retrain/memory-rule';
import { partyHeadInputs, partyVoices } from '../../../../ml/retrain/party-head';
import { DEFAULT_RETRAIN_CONFIG } from '../../../../ml/retrain/protocol';
import { writeCandidate } from '../../../../ml/retrain/write-candidate';
import { mulberry32 } from '../../../../ml/train/random';
import { makeTempDir } from '../../../helpers/fixtures';
import { writeStubModel } from '../../electron/services/analysis/stub-model';

const score = { accuracy: 0.9, macroF1: 0.9, n: 10 };
const report = {
  version: 'retrained-memory', parent: 'stub-0', before: { corrections: score, base: score }, after: { corrections: score, base: score },
  data: { corrections: 5, trainCalls: 2, heldOutCalls: 2, trainWindows: 5, heldOutWindows: 2, baseRows: 10, baseSource: 'bank', correctionWeight: 4, validationSpeakers: [] },
  baseReference: { kind: 'current', score }, thresholds: { minCorrectionGain: 0, maxBaseDrop: 0.02 }, accepted: true, reasons: [], epochs: 0, seconds: 1,
} satisfies RetrainReport;

/** One party's windows (the same robust statistics, as a call's party has). */
function party(n: number, seed: number, offset: number): PartyRow[] {
  const random = mulberry32(seed);
  const pooled = Array.from({ length: n }, () => Float32Array.from({ length: POOLED_DIM }, () => 10 * (random() - 0.5) + offset));
  const robust = robustStats(pooled);
  return pooled.map((v, i) => ({ pooled: v, label: i % 7, party: robust, robust }));
}

describe('a retrained version with a correction memory', () => {
  const temp = makeTempDir('emoqa-candidate-');
  afterAll(() => temp.cleanup());

  it('round-trips through the model folder, and analysis blends by the rule the judging measured', async () => {
    const current = await loadHeads(await writeStubModel(`${temp.dir}/stub`, { party: true }));
    const state = current.heads.party;
    if (!state) throw new Error('the stub has no party head');
    const corrected = party(30, 1, 0);
    const inputs = partyHeadInputs(state, corrected);
    const rule = { k: 3, space: 'relative' as const, bandwidth: 2, maxWeight: 0.7, halfSupport: 0.3 };
    const voices = partyVoices(state, corrected);
    const memory = memoryOf(rule, corrected.map((r, i) => ({ input: inputs[i], label: r.label, recency: 1, centre: voices[i] })));
    await writeCandidate(`${temp.dir}/candidate`, {
      parent: current.metadata, heads: current.heads, recipe: DEFAULT_RETRAIN_CONFIG.recipe, report, confusion: [], baseDescription: 'rows', trainRows: 30, seed: 1,
      fineTuned: true, sawValidationSpeakers: false, memory, headKept: true,
    });
    const classifier = await openClassifier(`${temp.dir}/candidate`);
    expect(classifier.metadata.memory).toMatchObject({ file: 'memory.json', windows: 30 });
    expect(classifier.metadata.decision?.architecture).toBe('dense stub party head');
    // The same voice on another call (its windows near the corrected ones): what the gate scored is what analysis shows.
    const jitter = mulberry32(9);
    const againPooled = corrected.map((r) => Float32Array.from(r.pooled, (x) => x + 0.01 * (jitter() - 0.5)));
    const againRobust = robustStats(againPooled);
    const again: PartyRow[] = againPooled.map((v, i) => ({ pooled: v, label: i % 7, party: againRobust, robust: againRobust }));
    const analysedAgain = await classifier.classifyVectors(again.map((r) => r.pooled), { adaptation: true });
    const judgedAgain = await predictWithMemory(current.heads, again, memory);
    const plainAgain = await predictWithMemory(current.heads, again, null);
    analysedAgain.forEach((p, i) => p.forEach((v, k) => expect(v).toBeCloseTo(judgedAgain[i][k], 5)));
    expect(analysedAgain.some((p, i) => p.some((v, k) => Math.abs(v - plainAgain[i][k]) > 0.01))).toBe(true);
    // Another voice reads none of these corrections, in analysis as in the judging.
    const next = party(12, 2, 5); // half a global SD away: another voice
    const analysed = await classifier.classifyVectors(next.map((r) => r.pooled), { adaptation: true });
    const judged = await predictWithMemory(current.heads, next, memory);
    const plain = await predictWithMemory(current.heads, next, null);
    analysed.forEach((p, i) => p.forEach((v, k) => expect(v).toBeCloseTo(judged[i][k], 5)));
    analysed.forEach((p, i) => p.forEach((v, k) => expect(v).toBeCloseTo(plain[i][k], 5)));
    classifier.dispose();

    // Its child, written without a memory, does not inherit the parent's.
    const child = await loadHeads(`${temp.dir}/candidate`);
    await writeCandidate(`${temp.dir}/child`, {
      parent: child.metadata, heads: child.heads, recipe: DEFAULT_RETRAIN_CONFIG.recipe, report, confusion: [], baseDescription: 'rows', trainRows: 30, seed: 1,
      fineTuned: true, sawValidationSpeakers: false, memory: null,
    });
    const childClassifier = await openClassifier(`${temp.dir}/child`);
    expect(childClassifier.metadata.memory).toBeUndefined();
    const childSays = await childClassifier.classifyVectors(next.map((r) => r.pooled), { adaptation: true });
    childSays.forEach((p, i) => p.forEach((v, k) => expect(v).toBeCloseTo(plain[i][k], 5)));
    // The library's channel, where given, replaces the absolute half's statistics only.
    const channel = estimateChannel(next.map((r) => r.pooled), state.global, { pseudoCount: 1, shiftZ: 0, minShifted: 1 });
    expect(channel.applied).toBe(true);
    const moved = await childClassifier.classifyVectors(next.map((r) => r.pooled), { adaptation: true, channel: channel.stats });
    expect(moved.some((p, i) => p.some((v, k) => Math.abs(v - childSays[i][k]) > 1e-4))).toBe(true);
    childClassifier.dispose();
    disposeHeads(current.heads);
    disposeHeads(child.heads);
  });
});
