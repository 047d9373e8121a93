import type { FrameFeatures } from '../dsp';
import { PITCH_STAT_NAMES, pitchStats } from './pitch-stats';

/**
 * Window descriptors pooled from frame features. The study used only the means of the 184 frame
 * features; means of linear mel power are dominated by the loudest frames and carry no dynamics,
 * so this adds log compression, spread, deltas and percentiles (names in `pooledFeatureNames`).
 * stats-v2 appends prosody from the pitch track (pitch-stats.ts); a stats-v1 vector is its first
 * STATS_V1_DIM values, so models trained on v1 still read v2 vectors.
 */
export const POOLING_VERSION = 'stats-v2';

const N_MEL = 128;
const N_MFCC = 40;
const N_CHROMA = 12;
const SCALARS = ['rms_db', 'centroid', 'rolloff', 'zcr'] as const;
const PERCENTILES = [0.1, 0.5, 0.9] as const;

export function pooledFeatureNames(): string[] {
  const names: string[] = [];
  for (let d = 0; d < N_MEL; d++) names.push(`logmel${d}_mean`);
  for (let d = 0; d < N_MEL; d++) names.push(`logmel${d}_std`);
  for (const stat of ['mean', 'std', 'dstd']) for (let d = 0; d < N_MFCC; d++) names.push(`mfcc${d}_${stat}`);
  for (const stat of ['mean', 'std']) for (let d = 0; d < N_CHROMA; d++) names.push(`chroma${d}_${stat}`);
  for (const s of SCALARS) for (const stat of ['mean', 'std', 'p10', 'p50', 'p90', 'dstd']) names.push(`${s}_${stat}`);
  names.push(...PITCH_STAT_NAMES);
  return names;
}

export const STATS_V1_DIM = 2 * N_MEL + 3 * N_MFCC + 2 * N_CHROMA + SCALARS.length * 6;
export const POOLED_DIM = STATS_V1_DIM + PITCH_STAT_NAMES.length;

/** Input size of each pooling version this build can produce (older ones are prefixes). */
export const POOLING_DIMS: Readonly<Record<string, number>> = { 'stats-v1': STATS_V1_DIM, 'stats-v2': POOLED_DIM };

const LOG10_SCALE = 10 / Math.LN10;
const scratch = { values: new Float64Array(512) };

/** Writes mean, std (and, with `delta`, the std of the first difference) of row `d` of a [d·n + t] track. */
function rowStats(track: Float32Array, base: number, s: number, e: number, map: ((v: number) => number) | null, out: Float32Array, o: number, stride: number, delta: boolean): void {
  const n = e - s;
  let sum = 0, sq = 0, dSum = 0, dSq = 0, prev = 0;
  for (let t = s; t < e; t++) {
    const raw = track[base + t];
    const v = map ? map(raw) : raw;
    sum += v;
    sq += v * v;
    if (t > s) {
      const d = v - prev;
      dSum += d;
      dSq += d * d;
    }
    prev = v;
  }
  const mean = sum / n;
  out[o] = mean;
  out[o + stride] = Math.sqrt(Math.max(0, sq / n - mean * mean));
  if (delta) {
    const dm = n > 1 ? dSum / (n - 1) : 0;
    out[o + 2 * stride] = n > 1 ? Math.sqrt(Math.max(0, dSq / (n - 1) - dm * dm)) : 0;
  }
}

/** mean, std, p10, p50, p90, delta-std of a scalar track. */
function scalarStats(track: Float32Array, s: number, e: number, map: (v: number) => number, out: Float32Array, o: number): void {
  const n = e - s;
  if (scratch.values.length < n) scratch.values = new Float64Array(n);
  const values = scratch.values.subarray(0, n);
  let sum = 0, sq = 0, dSum = 0, dSq = 0;
  for (let t = s; t < e; t++) {
    const v = map(track[t]);
    values[t - s] = v;
    sum += v;
    sq += v * v;
    if (t > s) {
      const d = v - values[t - s - 1];
      dSum += d;
      dSq += d * d;
    }
  }
  const mean = sum / n;
  out[o] = mean;
  out[o + 1] = Math.sqrt(Math.max(0, sq / n - mean * mean));
  values.sort();
  PERCENTILES.forEach((p, i) => (out[o + 2 + i] = values[Math.min(n - 1, Math.floor(p * (n - 1) + 0.5))]));
  const dm = n > 1 ? dSum / (n - 1) : 0;
  out[o + 5] = n > 1 ? Math.sqrt(Math.max(0, dSq / (n - 1) - dm * dm)) : 0;
}

const toDb = (v: number): number => LOG10_SCALE * Math.log(v + 1e-10);
const SCALAR_MAPS: ReadonlyArray<(v: number) => number> = [
  (v) => 20 * Math.log10(v + 1e-5),
  (v) => v / 1000,
  (v) => v / 1000,
  (v) => v * 10,
];

/** Pools frames [start, end) of one channel into a `POOLED_DIM` vector. */
export function poolWindow(frames: FrameFeatures, start = 0, end = frames.nFrames): Float32Array {
  const s = Math.max(0, Math.min(start, frames.nFrames - 1));
  const e = Math.max(s + 1, Math.min(end, frames.nFrames));
  const n = frames.nFrames;
  const out = new Float32Array(POOLED_DIM);
  // Layout as pooledFeatureNames: all means of a block, then all stds (then delta stds).
  for (let d = 0; d < N_MEL; d++) rowStats(frames.mel, d * n, s, e, toDb, out, d, N_MEL, false);
  let o = 2 * N_MEL;
  for (let d = 0; d < N_MFCC; d++) rowStats(frames.mfcc, d * n, s, e, null, out, o + d, N_MFCC, true);
  o += 3 * N_MFCC;
  for (let d = 0; d < N_CHROMA; d++) rowStats(frames.chroma, d * n, s, e, null, out, o + d, N_CHROMA, false);
  o += 2 * N_CHROMA;
  const tracks = [frames.rms, frames.centroid, frames.rolloff, frames.zcr];
  tracks.forEach((track, i) => scalarStats(track, s, e, SCALAR_MAPS[i], out, o + 6 * i));
  pitchStats(frames, s, e, out, STATS_V1_DIM);
  return out;
}

/** Per-party statistics for speaker adaptation: mean and std of pooled vectors over many windows. */
export interface PartyStats {
  mean: Float32Array;
  std: Float32Array;
  count: number;
  /** Shrunk statistics only: the median of the party's own windows before shrinking (its voice). */
  median?: Float32Array;
}

export function partyStats(vectors: readonly Float32Array[]): PartyStats {
  const dim = vectors[0]?.length ?? POOLED_DIM;
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  for (const v of vectors) for (let i = 0; i < dim; i++) mean[i] += v[i] / vectors.length;
  for (const v of vectors) for (let i = 0; i < dim; i++) std[i] += ((v[i] - mean[i]) ** 2) / vectors.length;
  for (let i = 0; i < dim; i++) std[i] = Math.sqrt(std[i]);
  return { mean, std, count: vectors.length };
}

/** z-scores a vector with party statistics; `floor` keeps near-constant features from exploding. */
export function normaliseWith(v: Float32Array, stats: PartyStats, floor: Float32Array): Float32Array {
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = (v[i] - stats.mean[i]) / Math.max(stats.std[i], floor[i]);
  return out;
}
