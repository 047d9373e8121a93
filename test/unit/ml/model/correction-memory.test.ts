import { describe, expect, it } from 'vitest';
import { applyMemory, blendPosterior, knnPosterior, memoryWeight, spaceRange, type CorrectionMemory, type MemoryRule } from '../../../../ml/model/correction-memory';

const rule: MemoryRule = { k: 2, space: 'both', bandwidth: 1, maxWeight: 0.6, halfSupport: 0.5 };
const row = (...v: number[]): Float32Array => Float32Array.from(v);
/** Four stored windows of 4 inputs ([absolute 2 | relative 2]), classes 0, 0, 1, 2 of 3. */
const memory = (over: Partial<CorrectionMemory> = {}): CorrectionMemory => ({
  rule, nClasses: 3, labels: [0, 0, 1, 2], weights: [1, 1, 1, 1],
  rows: [row(0, 0, 0, 0), row(0.2, 0, 0, 0), row(1, 1, 1, 1), row(5, 5, 5, 5)], ...over,
});

describe('correction memory', () => {
  it('votes the k nearest windows by a Gaussian kernel of the mean squared distance', () => {
    const { p, support } = knnPosterior(memory(), row(0.1, 0, 0, 0));
    // Nearest two: rows 0 and 1, both at mean squared distance 0.01/4; both class 0.
    const w = Math.exp(-0.0025 / 2);
    expect(support).toBeCloseTo(2 * w, 6);
    expect(Array.from(p)).toEqual([1, 0, 0]);
    // k = 3 brings in class 1 at distance (0.81 + 3)/4, weighted by its kernel.
    const three = knnPosterior(memory({ rule: { ...rule, k: 3 } }), row(0.1, 0, 0, 0));
    const w1 = Math.exp(-(0.81 + 3) / 4 / 2);
    expect(three.p[1]).toBeCloseTo(w1 / (2 * w + w1), 6);
    expect(three.p[0] + three.p[1] + three.p[2]).toBeCloseTo(1, 6);
  });

  it('measures the distance on the half its space names', () => {
    expect(spaceRange('absolute', 4)).toEqual([0, 2]);
    expect(spaceRange('relative', 4)).toEqual([2, 4]);
    expect(spaceRange('both', 4)).toEqual([0, 4]);
    // Far on the absolute half, equal on the relative half: only the relative space finds it close.
    const x = row(9, 9, 5, 5);
    expect(knnPosterior(memory({ rule: { ...rule, k: 1, space: 'relative' } }), x).p[2]).toBe(1);
    expect(knnPosterior(memory({ rule: { ...rule, k: 1, space: 'absolute' } }), x).p[2]).toBe(1);
    expect(knnPosterior(memory({ rule: { ...rule, k: 1, space: 'relative' } }), row(0, 0, 1, 1)).p[1]).toBe(1);
  });

  it('weighs recent corrections more: recency scales a neighbour\'s kernel weight', () => {
    const old = knnPosterior(memory({ weights: [0.25, 1, 1, 1] }), row(0, 0, 0, 0));
    const fresh = knnPosterior(memory(), row(0, 0, 0, 0));
    expect(old.support).toBeLessThan(fresh.support);
    expect(old.support).toBeCloseTo(0.25 + Math.exp(-0.01 / 2), 5);
  });

  it('keeps the blend a probability vector, the memory weight within [0, maxWeight], and grows it with the support', () => {
    expect(memoryWeight(rule, 0)).toBe(0);
    expect(memoryWeight(rule, 0.5)).toBeCloseTo(0.3, 9);
    expect(memoryWeight(rule, 1e9)).toBeLessThanOrEqual(rule.maxWeight);
    expect(memoryWeight(rule, 1e9)).toBeGreaterThan(0.599);
    const head = row(0.1, 0.7, 0.2);
    for (const x of [row(0, 0, 0, 0), row(1, 1, 1, 1), row(50, 50, 50, 50)]) {
      const knn = knnPosterior(memory(), x);
      const out = blendPosterior(head, knn, rule);
      expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
      const a = memoryWeight(rule, knn.support);
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(rule.maxWeight);
      out.forEach((v, c) => expect(v).toBeCloseTo((1 - a) * head[c] + a * knn.p[c], 6));
    }
    // Far from every correction: the head's posterior, unchanged to float precision.
    const far = blendPosterior(head, knnPosterior(memory(), row(50, 50, 50, 50)), rule);
    far.forEach((v, c) => expect(v).toBeCloseTo(head[c], 6));
  });

  it('leaves posteriors as they are without a memory, with an empty one, or with weight 0', () => {
    const heads = [row(0.2, 0.5, 0.3)];
    const inputs = [row(0, 0, 0, 0)];
    expect(applyMemory(null, inputs, heads)).toEqual(heads);
    expect(applyMemory(memory({ rows: [], labels: [], weights: [] }), inputs, heads)).toEqual(heads);
    expect(applyMemory(memory({ rule: { ...rule, maxWeight: 0 } }), inputs, heads)).toEqual(heads);
    // Next to two class-0 windows, the memory moves the decision to class 0.
    const [p] = applyMemory(memory({ rule: { ...rule, maxWeight: 0.9 } }), inputs, heads);
    expect(p[0]).toBeGreaterThan(p[1]);
  });
});
