/**
 * A nearest-neighbour memory of corrected windows, on top of the party head: every window a
 * reviewer labelled is kept as the head saw it ([absolute z | party-relative z], party-features.ts)
 * with its label, and at analysis a window's posterior is blended with the labels of its nearest
 * corrected windows. The blend's weight grows with how much close memory there is (the kernel
 * weights of the k neighbours), so a window far from every correction keeps the head's posterior,
 * and a centre's recurring agents and lines are recognised after a handful of corrections.
 *
 * p = (1 − α)·p_head + α·p_knn, p_knn = Σ w_i·e(y_i) / Σ w_i, w_i = r_i·exp(−d_i² / 2h²),
 * α = maxWeight · S / (S + halfSupport), S = Σ w_i over the k nearest (d² = mean squared difference
 * of the chosen half of the input; r_i the correction's recency factor, 0..1).
 * The same functions serve the retraining's judging (ml/retrain) and analysis (classifier.ts).
 *
 * Only the corrections of the same voice count: every row keeps its party's voice (the median of
 * the party's windows, in global z units), and a party reads only the rows of voices within
 * SAME_VOICE_DISTANCE of its own. Window by window, a voice of the same corpus and line is as
 * near as the same voice: one angry Urdu caller corrected painted a happy Urdu agent angry (55.3%
 * of her speech right with the retrained head alone, 25.6% with its memory of him). Party centres part them: on the
 * held-out calls no two voices were closer than 0.36, and half of the same voice's calls were
 * within 0.3 (docs/MODEL.md).
 */
import { z } from 'zod';
import type { PartyStats } from './pooling';

/** Which part of the head's input the distance is measured on. */
export const MEMORY_SPACES = ['both', 'absolute', 'relative'] as const;
export type MemorySpace = (typeof MEMORY_SPACES)[number];

export const memoryRuleSchema = z.object({
  k: z.number().int().positive(),
  space: z.enum(MEMORY_SPACES),
  /** Kernel bandwidth h, in z units (root mean squared difference per input). */
  bandwidth: z.number().positive(),
  /** The most the memory may weigh against the head (0..1). */
  maxWeight: z.number().min(0).max(1),
  /** Kernel support at which the memory weighs half of maxWeight. */
  halfSupport: z.number().positive(),
});
export type MemoryRule = z.infer<typeof memoryRuleSchema>;

export interface CorrectionMemory {
  rule: MemoryRule;
  /** Head inputs of the corrected windows (2 × pooled dim each). */
  rows: Float32Array[];
  labels: number[];
  /** Recency factor per row (0..1). */
  weights: number[];
  nClasses: number;
  /**
   * The voices of the corrected parties (voiceCentre) and each row's voice. Absent (a memory written
   * before voices were kept): every row counts for every party, as then.
   */
  voices?: { centres: Float32Array[]; ofRow: number[] };
}

/** Two parties whose voice centres differ by less than this (RMS, global z units) are one voice. */
export const SAME_VOICE_DISTANCE = 0.3;

/** A party's voice: the median of its windows (robust statistics), in the global z units of the head. */
export function voiceCentre(median: Float32Array, global: PartyStats): Float32Array {
  return Float32Array.from(median, (x, d) => (x - global.mean[d]) / global.std[d]);
}

/** Root mean squared difference of two voice centres. */
export function voiceDistance(a: Float32Array, b: Float32Array): number {
  return Math.sqrt(meanSquaredDistance(a, b, 0, Math.min(a.length, b.length)));
}

/** Whether two voice centres are one voice: the one rule of the memory, its judging and voiceGroups. */
export function sameVoice(a: Float32Array, b: Float32Array): boolean {
  return voiceDistance(a, b) < SAME_VOICE_DISTANCE;
}

/**
 * Which rows a party with voice `centre` may read: null, all of them (a memory without voices);
 * otherwise the rows of voices near it (none when its voice is unknown).
 */
export function rowsOfVoice(memory: Pick<CorrectionMemory, 'voices' | 'rows'>, centre: Float32Array | null): Uint8Array | null {
  if (!memory.voices) return null;
  const near = memory.voices.centres.map((c) => centre !== null && sameVoice(c, centre));
  return Uint8Array.from(memory.voices.ofRow, (v) => (near[v] ? 1 : 0));
}

/** The span of the head input a space reads: [from, to). */
export function spaceRange(space: MemorySpace, inputDim: number): [number, number] {
  const half = inputDim / 2;
  return space === 'absolute' ? [0, half] : space === 'relative' ? [half, inputDim] : [0, inputDim];
}

/** Mean squared difference of a and b over [from, to). */
export function meanSquaredDistance(a: Float32Array, b: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let d = from; d < to; d++) {
    const x = a[d] - b[d];
    s += x * x;
  }
  return s / Math.max(1, to - from);
}

export interface KnnPosterior {
  /** Distance-weighted label shares of the k nearest (uniform when the support is 0). */
  p: Float32Array;
  /** Σ of their kernel weights. */
  support: number;
}

/** The k nearest corrected windows of one head input (among `allowed` rows, null: all), and what their labels say. */
export function knnPosterior(memory: CorrectionMemory, x: Float32Array, allowed: Uint8Array | null = null): KnnPosterior {
  const [from, to] = spaceRange(memory.rule.space, x.length);
  return knnFromDistances(memory.rows.map((r, i) => (allowed && !allowed[i] ? Number.NaN : meanSquaredDistance(x, r, from, to))), memory);
}

/**
 * The vote of the k nearest rows given every row's distance (NaN: a row left out), the one rule for
 * analysis and for the judging (which measures the distances once and leaves out a fold's rows).
 */
export function knnFromDistances(distances: ArrayLike<number>, memory: Pick<CorrectionMemory, 'rule' | 'labels' | 'weights' | 'nClasses'>): KnnPosterior {
  const { rule, labels, weights, nClasses } = memory;
  const k = rule.k;
  // The k smallest distances by insertion into a short sorted list (k is small).
  const bestD: number[] = [];
  const bestI: number[] = [];
  for (let i = 0; i < distances.length; i++) {
    const d = distances[i];
    if (Number.isNaN(d) || (bestD.length === k && d >= bestD[k - 1])) continue;
    let j = bestD.length === k ? k - 1 : bestD.length;
    while (j > 0 && bestD[j - 1] > d) {
      bestD[j] = bestD[j - 1];
      bestI[j] = bestI[j - 1];
      j--;
    }
    bestD[j] = d;
    bestI[j] = i;
  }
  const p = new Float32Array(nClasses);
  let support = 0;
  const h2 = 2 * rule.bandwidth * rule.bandwidth;
  for (let j = 0; j < bestD.length; j++) {
    const w = weights[bestI[j]] * Math.exp(-bestD[j] / h2);
    p[labels[bestI[j]]] += w;
    support += w;
  }
  if (support > 0) for (let c = 0; c < nClasses; c++) p[c] /= support;
  else p.fill(1 / nClasses);
  return { p, support };
}

/** The memory's share of the blend for a given support (0 ≤ α ≤ maxWeight). */
export function memoryWeight(rule: MemoryRule, support: number): number {
  return support > 0 ? (rule.maxWeight * support) / (support + rule.halfSupport) : 0;
}

/** The head's posterior blended with the memory's (a probability vector again). */
export function blendPosterior(head: Float32Array, knn: KnnPosterior, rule: MemoryRule): Float32Array {
  const a = memoryWeight(rule, knn.support);
  const out = new Float32Array(head.length);
  for (let c = 0; c < head.length; c++) out[c] = (1 - a) * head[c] + a * knn.p[c];
  return out;
}

/**
 * Every posterior of a batch blended with the memory of its party's voice (unchanged without a
 * memory, with an empty one, or where no row is of that voice). `voices[i]`: window i's party
 * voice (voiceCentre; null or absent: unknown).
 */
export function applyMemory(memory: CorrectionMemory | null, inputs: readonly Float32Array[], posteriors: readonly Float32Array[],
  voices: readonly (Float32Array | null)[] = []): Float32Array[] {
  if (!memory || !memory.rows.length || memory.rule.maxWeight === 0) return [...posteriors];
  const allowedOf = new Map<Float32Array | null, Uint8Array | null>();
  const allowed = (i: number): Uint8Array | null => {
    const centre = voices[i] ?? null;
    if (!allowedOf.has(centre)) allowedOf.set(centre, rowsOfVoice(memory, centre));
    return allowedOf.get(centre) ?? null;
  };
  return posteriors.map((p, i) => {
    const rows = allowed(i);
    return rows && !rows.some(Boolean) ? p : blendPosterior(p, knnPosterior(memory, inputs[i], rows), memory.rule);
  });
}
