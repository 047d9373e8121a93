import { describe, expect, it } from 'vitest';
import {
  computeFrameFeatures, estimateTuning, extractFeatures, FEATURE_NAMES, FEATURE_SPEC, FeatureWorkspace, hannWindow, meanFeatures,
  melFilterbankDense, RealFft,
} from '../../../../ml/dsp';
import { storageLimits } from '../../../../ml/dsp/frame-features';
import { agrees, EPS32, goldenAvailable, goldenFiles, MFCC_NOISE_FACTOR, readSignal } from './golden-data';
import { describeNeeding, itNeeding, needs } from '../../../helpers/requirements';

const f32 = Math.fround;

/** Straightforward per-frame reference (one frame at a time, dense mel bank) for short signals. */
function reference(y: Float32Array, t: number, sampleRate = 22050) {
  const n = 2048;
  const frame = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    const i = t * 512 - 1024 + j;
    frame[j] = i >= 0 && i < y.length ? y[i] : 0;
  }
  const fft = new RealFft(n);
  fft.transform(frame, 0, hannWindow(n));
  const mag = Array.from({ length: 1025 }, (_, k) => f32(Math.hypot(f32(fft.re[k]), f32(fft.im[k]))));
  const power = mag.map((m) => f32(m * m));
  const mel = melFilterbankDense(sampleRate, n, 128);
  const melRow = Array.from({ length: 128 }, (_, b) => power.reduce((s, p, k) => s + mel[b * 1025 + k] * p, 0));
  const total = mag.reduce((s, m) => s + m, 0);
  const centroid = total > 0 ? mag.reduce((s, m, k) => s + ((k * sampleRate) / 2048) * m, 0) / total : 0;
  const rms = Math.sqrt(frame.reduce((s, v) => s + v * v, 0) / n);
  return { melRow, centroid, rms };
}

describe('computeFrameFeatures edge cases', () => {
  it('throws a clear error on an empty signal', () => {
    expect(() => computeFrameFeatures(new Float32Array(0))).toThrow(/empty/);
    expect(() => extractFeatures(new Float32Array(0))).toThrow(/empty/);
  });

  it('rejects non-finite samples like librosa.util.valid_audio', () => {
    const y = new Float32Array(5000).fill(0.1);
    y[4321] = Number.NaN;
    expect(() => computeFrameFeatures(y)).toThrow(/NaN or infinite/);
    y[4321] = Number.POSITIVE_INFINITY;
    expect(() => computeFrameFeatures(y)).toThrow(/NaN or infinite/);
  });

  it('rejects what is not a Float32Array', () => {
    expect(() => computeFrameFeatures([0.1, 0.2] as unknown as Float32Array)).toThrow(TypeError);
  });

  for (const length of [1, 300, 1000, 2047]) {
    it(`handles a signal shorter than n_fft (${length} samples) like librosa's zero-padded frames`, () => {
      const y = Float32Array.from({ length }, (_, i) => 0.3 * Math.sin(0.05 * i) + 0.1 * Math.sin(1.3 * i));
      const ff = computeFrameFeatures(y);
      expect(ff.nFrames).toBe(1 + Math.floor(length / 512));
      const v = meanFeatures(ff);
      expect(v.every(Number.isFinite)).toBe(true);
      for (let t = 0; t < ff.nFrames; t++) {
        const ref = reference(y, t);
        expect(agrees(ff.rms[t], ref.rms)).toBe(true);
        expect(agrees(ff.centroid[t], ref.centroid)).toBe(true);
        for (let b = 0; b < 128; b++) expect(agrees(ff.mel[b * ff.nFrames + t], ref.melRow[b])).toBe(true);
      }
    });
  }

  // 8000 Hz: mel bands much wider than FFT bins; 384000 Hz: low bands so narrow that some catch no
  // bin at all (librosa warns "Empty filters detected"), which the bin-major mel product must skip.
  for (const sampleRate of [8000, 384000]) {
    it(`builds its tables for other sample rates (${sampleRate} Hz)`, () => {
      const y = Float32Array.from({ length: 6000 }, (_, i) => 0.3 * Math.sin(0.07 * i) + 0.2 * Math.sin(2.1 * i));
      const ff = computeFrameFeatures(y, { sampleRate });
      for (const t of [0, 5, ff.nFrames - 1]) {
        const ref = reference(y, t, sampleRate);
        expect(agrees(ff.centroid[t], ref.centroid)).toBe(true);
        for (let b = 0; b < 128; b++) expect(agrees(ff.mel[b * ff.nFrames + t], ref.melRow[b]), `mel_${b}`).toBe(true);
      }
    });
  }

  it('gives finite features for an all-zero signal', () => {
    const ff = computeFrameFeatures(new Float32Array(22050));
    expect(meanFeatures(ff).every(Number.isFinite)).toBe(true);
    expect(ff.chromaTuning).toBe(0); // librosa: "Trying to estimate tuning from empty frequency set." -> 0.0
  });

  itNeeding([needs.golden()], 'gives librosa\'s features on the golden silence', () => {
    const v = meanFeatures(computeFrameFeatures(new Float32Array(22050)));
    const silence = goldenFiles().find((f) => f.name === 'silence_22050.wav')!;
    // MFCC: every frame is the constant -100 dB vector (||.|| = 100·sqrt(128)); librosa's float32 DCT
    // leaves noise on the zero coefficients (see golden-data.ts).
    const noise = MFCC_NOISE_FACTOR * EPS32 * 100 * Math.sqrt(128);
    silence.features184.forEach((r, i) => {
      expect(agrees(v[i], r, FEATURE_NAMES[i].startsWith('mfcc') ? noise : 0), `${FEATURE_NAMES[i]}: ${v[i]} vs ${r}`).toBe(true);
    });
  });

  it('counts zero crossings like librosa around the 1e-10 threshold, -0 and NaN-free edges', () => {
    const t = Math.fround(1e-10);
    const pattern = [0.5, -0, -1e-11, -t, 0.2, -Math.fround(t * 1.0000001), 0.3, -0.4, 0, -1e-3, 1e-3];
    const y = Float32Array.from({ length: 3000 }, (_, i) => pattern[(i * 7) % pattern.length] * (i % 5 === 0 ? 1 : 0.5));
    const ff = computeFrameFeatures(y);
    // Naive librosa: edge-pad by 1024, |x| <= f32(1e-10) -> 0, count signbit changes inside each frame.
    const padded = (i: number) => y[Math.min(y.length - 1, Math.max(0, i - 1024))];
    const negative = (v: number) => (Math.abs(v) <= t ? 0 : v < 0 ? 1 : 0);
    for (let f = 0; f < ff.nFrames; f++) {
      let count = 0;
      for (let j = 1; j < 2048; j++) count += negative(padded(f * 512 + j - 1)) ^ negative(padded(f * 512 + j));
      expect(ff.zcr[f]).toBe(Math.fround(count / 2048));
    }
  });

  it('describes the 184-vector', () => {
    expect(FEATURE_NAMES).toHaveLength(184);
    expect(FEATURE_NAMES.slice(0, 5)).toEqual(['rms', 'spectral_centroid', 'spectral_rolloff', 'zero_crossing_rate', 'chroma_0']);
    expect(FEATURE_NAMES[16]).toBe('mfcc_0');
    expect(FEATURE_NAMES[56]).toBe('mel_0');
    expect(FEATURE_NAMES[183]).toBe('mel_127');
    expect(FEATURE_SPEC).toMatchObject({ sampleRate: 22050, nFft: 2048, hopLength: 512, nMels: 128, nMfcc: 40, nChroma: 12 });
  });
});

describeNeeding([needs.golden()], 'options and pooling', () => {
  const y = goldenAvailable() ? readSignal('speech_espeak.y.f32') : new Float32Array(1);
  const ff = computeFrameFeatures(y);

  it('pools any frame range and validates it', () => {
    expect(extractFeatures(y)).toEqual(meanFeatures(ff));
    const window = meanFeatures(ff, 10, 20);
    let sum = 0;
    for (let t = 10; t < 20; t++) sum += ff.mel[5 * ff.nFrames + t];
    expect(window[56 + 5]).toBeCloseTo(f32(sum / 10), 6);
    expect(() => meanFeatures(ff, 5, 5)).toThrow(RangeError);
    expect(() => meanFeatures(ff, -1, 5)).toThrow(RangeError);
    expect(() => meanFeatures(ff, 0, ff.nFrames + 1)).toThrow(RangeError);
  });

  it('reproduces the estimated result when the tuning is given, and with a reused workspace', () => {
    const withTuning = computeFrameFeatures(y, { tuning: ff.chromaTuning });
    expect(withTuning.chroma).toEqual(ff.chroma);
    expect(withTuning.rolloff).toEqual(ff.rolloff);
    const workspace = new FeatureWorkspace();
    computeFrameFeatures(new Float32Array(y.length * 2).fill(0.25), { workspace }); // leaves other data behind
    const reused = computeFrameFeatures(y, { workspace });
    expect(reused.chroma).toEqual(ff.chroma);
    expect(workspace.heldBytes).toBeGreaterThan(0);
    workspace.release();
    expect(workspace.heldBytes).toBe(0);
  });

  it('gives the same result when the spectrogram is too long to keep and frames are transformed twice', () => {
    const saved = storageLimits.maxStoredFloats;
    storageLimits.maxStoredFloats = 0;
    try {
      const twice = computeFrameFeatures(y);
      expect(twice.chromaTuning).toBe(ff.chromaTuning);
      expect(twice.chroma).toEqual(ff.chroma);
      expect(twice.rolloff).toEqual(ff.rolloff);
      expect(twice.mfcc).toEqual(ff.mfcc);
    } finally {
      storageLimits.maxStoredFloats = saved;
    }
  });

  it('clips MFCC against dbReference when given', () => {
    let maxMel = 0;
    for (const v of ff.mel) maxMel = Math.max(maxMel, v);
    expect(computeFrameFeatures(y, { dbReference: maxMel }).mfcc).toEqual(ff.mfcc);
    const louder = computeFrameFeatures(y, { dbReference: maxMel * 1e4 }); // floor 40 dB higher
    expect(louder.mfcc[0]).toBeGreaterThan(ff.mfcc[0]);
  });
});

describeNeeding([needs.golden()], 'estimateTuning', () => {
  it('gives computeFrameFeatures\' estimate for one signal, and pools the peaks of several', () => {
    const y = readSignal('speech_espeak.y.f32');
    expect(estimateTuning([y])).toBe(computeFrameFeatures(y).chromaTuning);
    // The same peaks twice: same median, every histogram count doubled, same winning bin.
    expect(estimateTuning([y, y])).toBe(estimateTuning([y]));
    const halves = estimateTuning([y.subarray(0, y.length >> 1), y.subarray(y.length >> 1)]);
    expect(halves).toBeGreaterThanOrEqual(-0.5); // a histogram edge: -0.5, -0.49, ..., 0.49
    expect(halves).toBeLessThan(0.5);
    expect(halves * 100).toBeCloseTo(Math.round(halves * 100), 9);
    expect(estimateTuning([])).toBe(0);
  });
});
