/**
 * The input of the party head and the decision rule after it: one code path for training,
 * evaluation and the product.
 *
 * A window is described twice: absolutely (z-scored with the training rows' global statistics)
 * and relative to its party (z-scored with the party's robust centre and spread). The party's
 * statistics are shrunk towards the global ones when it has few windows, so one window alone is
 * read as it is (relative = absolute), and a party that is angry from start to finish keeps its
 * absolute description: the head learns when a baseline is itself emotional.
 */
import type { PartyStats } from './pooling';

export interface PartyDecision {
  /** Windows of pseudo-count pulling the party's centre and spread towards the global ones. */
  shrinkWindows: number;
  /** Floor of the party's spread (per feature), a share of the global std. */
  stdFloor: Float32Array;
  /** Softmax temperature fitted on held-out speakers (p ∝ p_raw^(1/T)). */
  temperature: number;
  /** Prior correction: p ∝ p · weight (target base rate / training base rate). */
  classWeights: Float32Array;
}

/** Median and a robust spread (interquartile range / 1.349, the std of a normal) per feature. */
export function robustStats(vectors: readonly Float32Array[]): PartyStats {
  const dim = vectors[0]?.length ?? 0;
  const n = vectors.length;
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  const column = new Float64Array(n);
  const at = (q: number): number => {
    const x = q * (n - 1);
    const lo = Math.floor(x);
    const hi = Math.min(n - 1, lo + 1);
    return column[lo] + (column[hi] - column[lo]) * (x - lo);
  };
  for (let d = 0; d < dim; d++) {
    for (let i = 0; i < n; i++) column[i] = vectors[i][d];
    column.sort();
    mean[d] = at(0.5);
    std[d] = (at(0.75) - at(0.25)) / 1.349;
  }
  return { mean, std, count: n };
}

/** The party's statistics shrunk towards the global ones: n windows against `k` of pseudo-count. */
export function shrunkPartyStats(vectors: readonly Float32Array[], global: PartyStats, k: number): PartyStats {
  return vectors.length ? shrinkStats(robustStats(vectors), global, k) : { mean: Float32Array.from(global.mean), std: Float32Array.from(global.std), count: 0 };
}

/** Robust statistics of `robust.count` windows shrunk towards the global ones (`k` windows of pseudo-count). */
export function shrinkStats(robust: PartyStats, global: PartyStats, k: number): PartyStats {
  const dim = global.mean.length;
  const n = robust.count;
  const a = n / (n + k);
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  for (let d = 0; d < dim; d++) {
    mean[d] = a * robust.mean[d] + (1 - a) * global.mean[d];
    // With one or two windows the spread is zero: shrinking keeps it near the global one.
    std[d] = Math.sqrt(a * robust.std[d] ** 2 + (1 - a) * global.std[d] ** 2);
  }
  return { mean, std, count: n, median: robust.mean };
}

/** [absolute z | party-relative z] of one pooled vector (2 × its length). */
export function partyFeatures(v: Float32Array, global: PartyStats, party: PartyStats, floor: Float32Array): Float32Array {
  const dim = v.length;
  const out = new Float32Array(2 * dim);
  for (let d = 0; d < dim; d++) {
    out[d] = (v[d] - global.mean[d]) / global.std[d];
    out[dim + d] = (v[d] - party.mean[d]) / Math.max(party.std[d], floor[d]);
  }
  return out;
}

/** Every window of one party → head inputs, with the party's own shrunk robust statistics. */
export function partyInputs(vectors: readonly Float32Array[], global: PartyStats, decision: Pick<PartyDecision, 'shrinkWindows' | 'stdFloor'>): Float32Array[] {
  const party = shrunkPartyStats(vectors, global, decision.shrinkWindows);
  return vectors.map((v) => partyFeatures(v, global, party, decision.stdFloor));
}

/** Temperature, then prior correction, renormalised. */
export function calibrate(p: Float32Array, temperature: number, classWeights: ArrayLike<number>): Float32Array {
  const out = new Float32Array(p.length);
  let sum = 0;
  for (let k = 0; k < p.length; k++) {
    out[k] = Math.exp(Math.log(Math.max(p[k], 1e-12)) / temperature) * classWeights[k];
    sum += out[k];
  }
  for (let k = 0; k < p.length; k++) out[k] /= sum;
  return out;
}
