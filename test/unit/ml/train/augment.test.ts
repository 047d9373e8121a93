import { describe, expect, it } from 'vitest';
import { addNoiseAndGain, augmentSignal, paramsKey, variantParams } from '../../../../ml/train/augment';
import { muLawRoundTrip, resampleSinc, telephoneChain } from '../../../../ml/dsp/telephone';
import { findSpeechBounds } from '../../../../ml/segment/trim';

const SR = 22050;
function tone(freq: number, seconds: number, amp = 0.5, sr = SR): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * sr) }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / sr));
}
function rms(y: Float32Array): number {
  return Math.sqrt(y.reduce((s, v) => s + v * v, 0) / y.length);
}

describe('augmentation', () => {
  it('derives stable, distinct parameters per variant and file', () => {
    expect(variantParams('aug-wide', 'a.flac', 1)).toEqual(variantParams('aug-wide', 'a.flac', 1));
    expect(variantParams('aug-wide', 'a.flac', 1)).not.toEqual(variantParams('aug-wide', 'b.flac', 1));
    expect(paramsKey(variantParams('clean', 'a'))).toBe('clean');
    expect(paramsKey(variantParams('tel', 'a'))).toBe('tel2');
    const aug = variantParams('aug-tel', 'a');
    expect(Math.abs(aug.pitchSemitones)).toBeLessThanOrEqual(2.5);
    expect(aug.telephone).toBe(true);
    // Both augmented copies share one pitch, so one decode serves them.
    expect(variantParams('aug-wide', 'a').pitchSemitones).toBe(aug.pitchSemitones);
  });

  it('shifts every file of one voice by the same pitch, other parameters still per file', () => {
    const a = variantParams('aug-wide', 'A01/x.flac', 1, 'A01');
    const b = variantParams('aug-wide', 'A01/y.flac', 1, 'A01');
    expect(a.pitchSemitones).toBe(b.pitchSemitones);
    expect(a.seed).not.toBe(b.seed);
    const shifts = new Set(Array.from({ length: 20 }, (_, i) => variantParams('aug-tel', 'f.flac', 1, `A${i}`).pitchSemitones));
    expect(shifts.size).toBeGreaterThan(10);
    for (const s of shifts) expect(Math.abs(s)).toBeLessThanOrEqual(2.5);
  });

  it('adds noise at the asked SNR and gain in dB', () => {
    const y = tone(440, 1);
    const noisy = addNoiseAndGain(y, { noiseSnrDb: 20, gainDb: 0, seed: 1 });
    const noise = noisy.map((v, i) => v - y[i]);
    expect(20 * Math.log10(rms(y) / rms(noise))).toBeCloseTo(20, 0);
    const louder = addNoiseAndGain(tone(440, 1, 0.1), { noiseSnrDb: null, gainDb: 6, seed: 1 });
    expect(rms(louder) / rms(tone(440, 1, 0.1))).toBeCloseTo(10 ** (6 / 20), 2);
  });

  it('telephone chain keeps the voice band and removes what lies outside it', () => {
    const inBand = telephoneChain(tone(1000, 1), SR);
    const high = telephoneChain(tone(6000, 1), SR);
    const low = telephoneChain(tone(100, 1), SR);
    expect(inBand.length).toBeGreaterThan(SR - 10);
    expect(rms(inBand.subarray(2000, -2000))).toBeGreaterThan(0.3);
    expect(rms(high.subarray(2000, -2000))).toBeLessThan(0.01);
    expect(rms(low.subarray(2000, -2000))).toBeLessThan(0.15);
  });

  it('mu-law round trip is close but quantised; resampling keeps a tone', () => {
    const y = tone(300, 0.1, 0.3);
    const z = muLawRoundTrip(y);
    const err = rms(z.map((v, i) => v - y[i]));
    expect(err).toBeGreaterThan(0);
    expect(err).toBeLessThan(0.01);
    const down = resampleSinc(tone(500, 1), SR, 8000);
    expect(down.length).toBe(8000);
    expect(rms(down.subarray(100, -100))).toBeCloseTo(0.5 / Math.SQRT2, 1);
  });

  it('trims leading and trailing silence', () => {
    const y = new Float32Array(SR * 3);
    y.set(tone(220, 1), SR);
    const b = findSpeechBounds(y);
    expect(b.silent).toBe(false);
    expect(Math.abs(b.start - SR)).toBeLessThan(1100);
    expect(Math.abs(b.end - 2 * SR)).toBeLessThan(2048); // within a frame
    expect(findSpeechBounds(new Float32Array(SR)).silent).toBe(true);
    const trimmed = augmentSignal(y, SR, variantParams('clean', 'x'));
    expect(trimmed.length).toBeLessThan(1.2 * SR);
  });
});
