import { describe, expect, it } from 'vitest';
import type { FrameFeatures } from '../../../../ml/dsp';
import { normaliseWith, partyStats, pooledFeatureNames, poolWindow, POOLED_DIM } from '../../../../ml/model/pooling';

function fakeFrames(nFrames: number): FrameFeatures {
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const track = (rows: number, scale: number): Float32Array => Float32Array.from({ length: rows * nFrames }, () => rnd() * scale);
  return { sampleRate: 22050, hopLength: 512, nFrames, rms: track(1, 0.1), centroid: track(1, 3000), rolloff: track(1, 6000), zcr: track(1, 0.3),
    chroma: track(12, 1), mfcc: track(40, 50), mel: track(128, 2), chromaTuning: 0,
    pitch: { f0: Float32Array.from({ length: nFrames }, () => 100 + rnd() * 150), voicing: track(1, 1) } };
}

/** Straightforward reference for a few named entries. */
function reference(f: FrameFeatures, s: number, e: number, name: string): number {
  const m = /^(logmel|mfcc|chroma)(\d+)_(mean|std|dstd)$/.exec(name);
  const n = f.nFrames;
  const series = (arr: Float32Array, d: number, map: (v: number) => number): number[] => Array.from({ length: e - s }, (_, i) => map(arr[d * n + s + i]));
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const std = (v: number[]): number => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
  if (!m) {
    const rmsDb = series(f.rms, 0, (v) => 20 * Math.log10(v + 1e-5)).sort((a, b) => a - b);
    if (name === 'rms_db_p50') return rmsDb[Math.floor(0.5 * (rmsDb.length - 1) + 0.5)];
    throw new Error(name);
  }
  const [, block, dStr, stat] = m;
  const d = Number(dStr);
  const v = block === 'logmel' ? series(f.mel, d, (x) => 10 * Math.log10(x + 1e-10)) : series(block === 'mfcc' ? f.mfcc : f.chroma, d, (x) => x);
  if (stat === 'mean') return mean(v);
  if (stat === 'std') return std(v);
  return std(v.slice(1).map((x, i) => x - v[i]));
}

describe('pooling', () => {
  const frames = fakeFrames(150);
  const names = pooledFeatureNames();

  it('has one name per value', () => {
    expect(names).toHaveLength(POOLED_DIM);
    expect(new Set(names).size).toBe(POOLED_DIM);
  });

  it('matches a straightforward computation on a window', () => {
    const v = poolWindow(frames, 20, 120);
    for (const name of ['logmel0_mean', 'logmel127_std', 'mfcc3_mean', 'mfcc39_std', 'mfcc5_dstd', 'chroma11_std', 'rms_db_p50']) {
      expect(v[names.indexOf(name)]).toBeCloseTo(reference(frames, 20, 120, name), 3);
    }
  });

  it('clamps windows to the frames and never returns NaN', () => {
    for (const [s, e] of [[0, 1], [149, 400], [-5, 3]] as const) {
      const v = poolWindow(frames, s, e);
      expect(v.every(Number.isFinite)).toBe(true);
    }
  });

  it('party statistics z-score a party to mean 0', () => {
    const vs = [poolWindow(frames, 0, 50), poolWindow(frames, 50, 100), poolWindow(frames, 100, 150)];
    const stats = partyStats(vs);
    const z = vs.map((v) => normaliseWith(v, stats, new Float32Array(POOLED_DIM).fill(1e-6)));
    const mean0 = z.reduce((a, v) => a + v[0], 0) / z.length;
    expect(mean0).toBeCloseTo(0, 5);
  });
});
