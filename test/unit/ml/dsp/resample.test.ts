import { describe, expect, it } from 'vitest';
import { resampleKaiserBest } from '../../../../ml/dsp';
import { TELEPHONE_FILTER } from '../../../../ml/dsp/telephone';
import { KAISER_BEST, resampleWindowedSinc } from '../../../../ml/dsp/resample';

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

describe('resampleWindowedSinc (the one resampler, any filter)', () => {
  const from = 16000;
  const sine = (hz: number, n = from) => Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / from));
  const rms = (y: Float32Array) => Math.sqrt(y.slice(500, y.length - 500).reduce((s, v) => s + v * v, 0) / (y.length - 1000));

  it('is resampleKaiserBest when given kaiser_best and librosa’s length', () => {
    const x = sine(700, 4001);
    expect(resampleWindowedSinc(x, from, 22050, KAISER_BEST, Math.ceil(4001 * (22050 / from)))).toEqual(resampleKaiserBest(x, from, 22050));
  });

  it('with the telephone filter keeps the voice band and removes what a 4 kHz Nyquist cannot hold, both ways', () => {
    const down = resampleWindowedSinc(sine(1000), from, 8000, TELEPHONE_FILTER);
    expect(down.length).toBe(8000);
    expect(rms(down)).toBeCloseTo(0.5 * Math.SQRT1_2, 2);
    expect(rms(resampleWindowedSinc(sine(5000), from, 8000, TELEPHONE_FILTER))).toBeLessThan(1e-3);
    const up = resampleWindowedSinc(down, 8000, from, TELEPHONE_FILTER);
    expect(up.length).toBe(from);
    expect(rms(up)).toBeCloseTo(0.5 * Math.SQRT1_2, 2);
  });
});
