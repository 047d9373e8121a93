import { describe, expect, it } from 'vitest';
import { RealFft } from '../../../../ml/dsp';

/** Naive DFT in float64 with the angle reduced exactly (k·j mod n), as the reference. */
function naiveDft(x: Float32Array, offset: number, window: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = window.length;
  const re = new Float64Array(n / 2 + 1);
  const im = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((k * j) % n)) / n;
      const v = window[j] * x[offset + j];
      sr += v * Math.cos(angle);
      si += v * Math.sin(angle);
    }
    re[k] = sr;
    im[k] = si;
  }
  return { re, im };
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

describe('RealFft', () => {
  for (const size of [8, 32, 128, 512, 2048]) {
    it(`matches a naive DFT at size ${size}`, () => {
      const rnd = lcg(size);
      const x = Float32Array.from({ length: size + 5 }, rnd);
      const window = Float64Array.from({ length: size }, () => 0.5 + 0.5 * rnd());
      const fft = new RealFft(size);
      fft.transform(x, 5, window);
      const ref = naiveDft(x, 5, window);
      let scale = 0;
      for (let j = 0; j < size; j++) scale += Math.abs(window[j] * x[5 + j]);
      for (let k = 0; k <= size / 2; k++) {
        // Rounding of an O(n log n) transform vs an O(n²) sum: both ~1e-16 · sum|x|.
        expect(Math.abs(fft.re[k] - ref.re[k])).toBeLessThan(1e-13 * scale);
        expect(Math.abs(fft.im[k] - ref.im[k])).toBeLessThan(1e-13 * scale);
      }
      expect(fft.im[0]).toBe(0);
      expect(fft.im[size / 2]).toBe(0);
    });
  }

  it('gives float32 magnitudes and powers consistent with transform()', () => {
    const rnd = lcg(7);
    const x = Float32Array.from({ length: 2048 }, rnd);
    const window = new Float64Array(2048).fill(1);
    const fft = new RealFft(2048);
    fft.transform(x, 0, window);
    const mag = new Float32Array(1025);
    const power = new Float64Array(1025);
    fft.magnitudes(x, 0, window, mag, 0, power);
    for (let k = 0; k <= 1024; k++) {
      const m = Math.fround(Math.hypot(Math.fround(fft.re[k]), Math.fround(fft.im[k])));
      expect(mag[k]).toBe(m);
      expect(power[k]).toBe(Math.fround(m * m));
    }
  });

  it('transforms a unit impulse and a cosine exactly where expected', () => {
    const fft = new RealFft(32);
    const window = new Float64Array(32).fill(1);
    const impulse = new Float32Array(32);
    impulse[0] = 1;
    fft.transform(impulse, 0, window);
    for (let k = 0; k <= 16; k++) {
      expect(fft.re[k]).toBeCloseTo(1, 14);
      expect(fft.im[k]).toBeCloseTo(0, 14);
    }
    const cosine = Float32Array.from({ length: 32 }, (_, j) => Math.cos((2 * Math.PI * 3 * j) / 32));
    fft.transform(cosine, 0, window);
    for (let k = 0; k <= 16; k++) expect(fft.re[k]).toBeCloseTo(k === 3 ? 16 : 0, 5);
  });

  it('rejects sizes that are not 2·4^m', () => {
    for (const bad of [0, 4, 16, 64, 1000, 4096]) expect(() => new RealFft(bad)).toThrow(/size/);
  });
});
