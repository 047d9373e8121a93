import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { judge } from '../../../../ml/retrain/gate';
import { DEFAULT_RETRAIN_CONFIG } from '../../../../ml/retrain/protocol';
import { splitByCall } from '../../../../ml/retrain/split';
import { classBalancedWeights } from '../../../../ml/train/weighted-fit';
import { MLP } from '../../../../ml/train/models';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `call-${i}`);

describe('split by call', () => {
  it('puts each call on one side, at least one on each, about the held-out share', () => {
    for (const n of [2, 3, 8, 40]) {
      const { train, heldOut } = splitByCall(ids(n), 0.25);
      expect([...train, ...heldOut].sort()).toEqual(ids(n).sort());
      expect(heldOut.length).toBeGreaterThanOrEqual(1);
      expect(train.length).toBeGreaterThanOrEqual(1);
      expect(heldOut.length).toBeLessThanOrEqual(Math.ceil(0.25 * n));
    }
    expect(splitByCall(['a', 'a', 'b'], 0.25)).toEqual(splitByCall(['b', 'a'], 0.25));
  });

  it('keeps calls on their side as more calls get corrections', () => {
    const before = splitByCall(ids(40), 0.25);
    const after = splitByCall(ids(60), 0.25);
    const moved = before.heldOut.filter((id) => !after.heldOut.includes(id));
    expect(moved.length).toBeLessThanOrEqual(1);
  });
});

describe('class-balanced weights', () => {
  it('gives every class the same total and a correction the configured weight of a base row', () => {
    const rows = [
      ...Array.from({ length: 30 }, () => ({ label: 0, correction: false })),
      ...Array.from({ length: 10 }, () => ({ label: 1, correction: false })),
      ...Array.from({ length: 5 }, () => ({ label: 1, correction: true })),
    ];
    const w = classBalancedWeights(rows, EMOTIONS.length, 4);
    const total = (label: number): number => rows.reduce((s, r, i) => s + (r.label === label ? w[i] : 0), 0);
    expect(total(0)).toBeCloseTo(total(1), 5);
    expect(w[44] / w[30]).toBeCloseTo(4, 5);
    expect(w.reduce((s, x) => s + x, 0) / w.length).toBeCloseTo(1, 5);
  });
});

describe('gate', () => {
  const score = (accuracy: number, n = 100) => ({ accuracy, macroF1: accuracy, n });
  const thresholds = { minCorrectionGain: 0, maxBaseDrop: 0.02 };

  it('accepts a candidate better on corrections and within 2 points on the base set', () => {
    expect(judge({ before: score(0.4), after: score(0.5), base: score(0.49), reference: score(0.5) }, thresholds)).toEqual({ accepted: true, reasons: [] });
    expect(judge({ before: score(0.4), after: score(0.5), base: score(0.48), reference: score(0.5) }, thresholds).accepted).toBe(true);
  });

  it('says why it refuses', () => {
    const notBetter = judge({ before: score(0.5), after: score(0.5), base: score(0.5), reference: score(0.5) }, thresholds);
    expect(notBetter.reasons).toEqual([expect.stringMatching(/not better on the held-out corrected calls: 50\.0% → 50\.0%/)]);
    const forgot = judge({ before: score(0.4), after: score(0.6), base: score(0.45), reference: score(0.5) }, thresholds);
    expect(forgot.reasons).toEqual([expect.stringMatching(/base validation drops 5\.0 points: 50\.0% → 45\.0% \(at most 2\.0 points allowed\)/)]);
    expect(judge({ before: score(0.4), after: score(0.45), base: score(0.5), reference: score(0.5) }, { ...thresholds, minCorrectionGain: 0.1 }).accepted).toBe(false);
    expect(judge({ before: score(0, 0), after: score(0, 0), base: score(0.5), reference: score(0.5) }, thresholds).reasons[0]).toMatch(/no held-out/);
  });
});

describe('defaults', () => {
  it('train new heads with the shipped recipe', () => {
    const r = DEFAULT_RETRAIN_CONFIG.recipe;
    expect({ hidden: r.hidden, dropout: r.dropout, l2: r.l2, epochs: r.epochs, lr: r.learningRate }).toEqual({ hidden: MLP.hidden, dropout: MLP.dropout, l2: MLP.l2, epochs: MLP.epochs, lr: MLP.lr });
  });
});
