import { describe, expect, it } from 'vitest';
import { resampleKaiserBest } from '../../../../ml/dsp';

describe('resampleKaiserBest (resampy 0.4.2 kaiser_best + librosa fix_length)', () => {
  it('returns a copy at the same rate', () => {
    const x = Float32Array.from([0.1, -0.2, 0.3]);
    const y = resampleKaiserBest(x, 22050, 22050);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
  });

  it('produces librosa lengths: ceil(n · new / old)', () => {
    for (const [n, from, to] of [[24431, 8000, 22050], [48861, 16000, 22050], [134672, 44100, 22050], [1001, 48000, 22050]]) {
      expect(resampleKaiserBest(new Float32Array(n), from, to).length).toBe(Math.ceil(n * (to / from)));
    }
  });

  it('keeps a passband sine and removes one above the new Nyquist', () => {
    const from = 16000;
    const sine = (hz: number) => Float32Array.from({ length: from }, (_, i) => Math.sin((2 * Math.PI * hz * i) / from));
    const rms = (y: Float32Array) => Math.sqrt(y.slice(2000, y.length - 2000).reduce((s, v) => s + v * v, 0) / (y.length - 4000));
    expect(rms(resampleKaiserBest(sine(1000), from, 22050))).toBeCloseTo(Math.SQRT1_2, 3);
    expect(rms(resampleKaiserBest(sine(6000), from, 8000))).toBeLessThan(1e-4); // 6 kHz > 4 kHz Nyquist
  });

  it('rejects non-integer or non-positive rates', () => {
    expect(() => resampleKaiserBest(new Float32Array(10), 0, 22050)).toThrow(RangeError);
    expect(() => resampleKaiserBest(new Float32Array(10), 8000.5, 22050)).toThrow(RangeError);
  });
});
