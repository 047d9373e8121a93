import { describe, expect, it } from 'vitest';
import type { FrameFeatures } from '../../../../ml/dsp';
import { PITCH_STAT_NAMES, pitchStats, VOICED_THRESHOLD } from '../../../../ml/model/pitch-stats';
import { pooledFeatureNames, poolWindow, POOLED_DIM, STATS_V1_DIM } from '../../../../ml/model/pooling';

function frames(f0: number[], voicing: number[], rms = 0.1): FrameFeatures {
  const n = f0.length;
  const zeros = (rows: number): Float32Array => new Float32Array(rows * n).fill(0.5);
  return { sampleRate: 22050, hopLength: 512, nFrames: n, rms: new Float32Array(n).fill(rms), centroid: zeros(1), rolloff: zeros(1), zcr: zeros(1),
    chroma: zeros(12), mfcc: zeros(40), mel: zeros(128), chromaTuning: 0, pitch: { f0: Float32Array.from(f0), voicing: Float32Array.from(voicing) } };
}

const stat = (out: Float32Array, name: (typeof PITCH_STAT_NAMES)[number]): number => out[PITCH_STAT_NAMES.indexOf(name)];

describe('pitchStats', () => {
  it('reads level, range and intonation slope in semitones from voiced frames only', () => {
    // 110 Hz rising an octave over 43 frames (~1 s), unvoiced frames at 500 Hz must not count.
    const n = 60;
    const f0 = Array.from({ length: n }, (_, t) => (t < 43 ? 110 * 2 ** (t / 43) : 500));
    const voicing = Array.from({ length: n }, (_, t) => (t < 43 ? 0.95 : 0.2));
    const out = new Float32Array(PITCH_STAT_NAMES.length);
    pitchStats(frames(f0, voicing), 0, n, out, 0);
    expect(stat(out, 'f0_st_p10')).toBeGreaterThan(12);
    expect(stat(out, 'f0_st_p90')).toBeLessThan(24.1);
    expect(stat(out, 'f0_st_mean')).toBeCloseTo(12 + 12 * (21 / 43), 0);
    expect(stat(out, 'voiced_fraction')).toBeCloseTo(43 / n, 5);
    // 12 semitones per 43 hops of 512/22050 s.
    expect(stat(out, 'f0_st_slope')).toBeCloseTo(12 / (43 * 512 / 22050), 1);
    expect(stat(out, 'f0_jitter')).toBeCloseTo(12 / 43, 3);
    expect(stat(out, 'voiced_rms_db')).toBeCloseTo(20 * Math.log10(0.1 + 1e-5), 4);
  });

  it('falls back to any candidate, then to a fixed level, when too little is voiced', () => {
    const out = new Float32Array(PITCH_STAT_NAMES.length);
    pitchStats(frames([220, 220, 0, 0], [VOICED_THRESHOLD / 2, 0.1, 0, 0]), 0, 4, out, 0);
    expect(stat(out, 'f0_st_mean')).toBeCloseTo(24, 5); // 220 Hz = 55 Hz + 24 semitones
    expect(stat(out, 'voiced_fraction')).toBe(0);
    pitchStats(frames([0, 0, 0], [0, 0, 0]), 0, 3, out, 0);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('is the tail of the pooled vector; the stats-v1 prefix is unchanged by it', () => {
    const f = frames(Array.from({ length: 30 }, () => 150), Array.from({ length: 30 }, () => 0.9));
    const v = poolWindow(f);
    expect(v).toHaveLength(POOLED_DIM);
    expect(pooledFeatureNames().slice(STATS_V1_DIM)).toEqual([...PITCH_STAT_NAMES]);
    const higher = poolWindow({ ...f, pitch: { f0: new Float32Array(30).fill(300), voicing: new Float32Array(30).fill(0.9) } });
    expect(Array.from(higher.subarray(0, STATS_V1_DIM))).toEqual(Array.from(v.subarray(0, STATS_V1_DIM)));
    expect(higher[STATS_V1_DIM] - v[STATS_V1_DIM]).toBeCloseTo(12, 4);
  });

  it('refuses frames computed without pitch', () => {
    const f = frames([100], [1]);
    expect(() => poolWindow({ ...f, pitch: undefined })).toThrow(/pitch/);
  });
});
