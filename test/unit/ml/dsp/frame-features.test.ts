/**
 * The spectra of the tuning pass stand in for a second STFT: features from TuningPass-kept
 * magnitudes are bit for bit those computed from the signal, and the tuning is estimateTuning's.
 */
import { describe, expect, it } from 'vitest';
import { computeFrameFeatures, estimateTuning, FEATURE_SPEC, TuningPass } from '../../../../ml/dsp';
import { synthParty } from '../../electron/services/analysis/synth';

const sr = FEATURE_SPEC.sampleRate;

describe('TuningPass', () => {
  const a = synthParty(4, sr, [{ start: 0.5, end: 3.2 }], 1);
  const b = synthParty(3, sr, [{ start: 0.2, end: 2.5 }], 2).subarray(0, 3 * sr - 77); // not a whole number of hops

  it('estimates what estimateTuning estimates, keeping or not', () => {
    const kept = new TuningPass(sr);
    const spectra = [a, b].map((y) => kept.add(y, new Float32Array(kept.spectraLength(y.length) + 99)));
    const plain = new TuningPass(sr);
    expect(plain.add(a)).toBeUndefined();
    plain.add(b);
    expect(kept.estimate()).toBe(estimateTuning([a, b], sr));
    expect(plain.estimate()).toBe(kept.estimate());
    expect(spectra[1]).toHaveLength((1 + Math.floor(b.length / FEATURE_SPEC.hopLength)) * (FEATURE_SPEC.nFft / 2 + 1));
  });

  it('gives magnitudes from which computeFrameFeatures computes the same features bit for bit', () => {
    const pass = new TuningPass(sr);
    const magnitudes = pass.add(b, new Float32Array(pass.spectraLength(b.length)));
    const tuning = pass.estimate();
    const fromSignal = computeFrameFeatures(b, { sampleRate: sr, tuning });
    const fromKept = computeFrameFeatures(b, { sampleRate: sr, tuning, magnitudes });
    for (const key of ['rms', 'centroid', 'rolloff', 'zcr', 'chroma', 'mfcc', 'mel'] as const) {
      expect(Buffer.from(fromKept[key].buffer).equals(Buffer.from(fromSignal[key].buffer)), key).toBe(true);
    }
    expect(fromKept.pitch?.f0).toEqual(fromSignal.pitch?.f0);
  });

  it('refuses magnitudes of another length, and a buffer too small for them', () => {
    const pass = new TuningPass(sr);
    const magnitudes = pass.add(a, new Float32Array(pass.spectraLength(a.length)));
    expect(() => computeFrameFeatures(b, { sampleRate: sr, tuning: 0, magnitudes })).toThrow(/magnitudes hold \d+ values, the signal has \d+ frames/);
    expect(() => pass.add(a, new Float32Array(pass.spectraLength(a.length) - 1))).toThrow(/do not fit/);
  });
});
